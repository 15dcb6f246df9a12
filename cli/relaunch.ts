// Some V8 settings exist only when a process starts, such as the main thread's heap
// cap. A command that knows its needs only after reading its arguments (a simulation
// sizes its heap from the population) runs itself again, once, with them; the first
// process only waits, passing on its exit code. Ctrl-C reaches both (same process
// group): the child handles it, the parent ignores it. Killing the first process with
// SIGKILL (which cannot be passed on) ends the second one too, at once, as if it had been
// killed itself: its run is left interrupted, to be resumed, never running on unseen.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import type { TuningProfile } from '../host/tuning';

const MARK = 'HUNT_RELAUNCHED';

/**
 * The `hunt` command's script: only a process started from it is run again (never a test
 * runner calling a command). bin/hunt.mjs records its path, since the bundle it runs
 * from (bin/cli-bundle.mjs) does not sit beside it.
 */
function entryScript(): string {
  const recorded = (globalThis as Record<symbol, unknown>)[Symbol.for('hunt.entry')];
  return typeof recorded === 'string' ? recorded : fileURLToPath(new URL('../bin/hunt.mjs', import.meta.url));
}

function startedFromEntry(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(entryScript());
  } catch {
    return false;
  }
}

/**
 * Resolves with the exit code of this command run again with its main thread's old
 * generation capped at `capMb` (plus V8 `flags`, and `env` added to its environment), or null when there is no need (already relaunched, or
 * the current cap is already at most about that, or this process is not the `hunt` command).
 */
export function relaunchWithHeapCap(capMb: number, env: Readonly<Record<string, string>> = {}, flags: readonly string[] = []): Promise<number> | null {
  if (!startedFromEntry()) return null;
  const args = relaunchArgs(capMb, { execArgv: process.execArgv, argv: process.argv, env: process.env, heapLimitMb: getHeapStatistics().heap_size_limit / 2 ** 20 }, flags);
  if (!args) return null;
  // The IPC channel lets the child notice when this process is gone (see followParent).
  const child = spawn(process.execPath, args, { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: relaunchEnv(process.env, env) });
  const ignore = () => undefined;
  const onTerm = () => child.kill('SIGTERM');
  process.on('SIGINT', ignore);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

/**
 * Runs this command again with a tuning profile's process settings (the pipeline thread's
 * heap cap, V8 start flags, environment) when the profile asks for a process of its own;
 * null otherwise (see relaunchWithHeapCap).
 */
export function relaunchForProfile(profile: TuningProfile): Promise<number> | null {
  if (!profile.ownProcess || profile.heap.pipelineMb === null) return null;
  return relaunchWithHeapCap(profile.heap.pipelineMb, profile.env, profile.startFlags);
}

/** The arguments of the second process, or null when the first one should go on itself. */
export function relaunchArgs(
  capMb: number,
  current: { execArgv: readonly string[]; argv: readonly string[]; env: Record<string, string | undefined>; heapLimitMb: number },
  flags: readonly string[] = [],
): string[] | null {
  if (current.env[MARK] || current.heapLimitMb <= capMb * 1.5) return null;
  return [...current.execArgv, ...flags.filter((f) => !current.execArgv.includes(f)), `--max-old-space-size=${capMb}`, ...current.argv.slice(1)];
}

/** The second process's environment: `extra` under the current one (a variable the user set wins), marked as relaunched. */
export function relaunchEnv(current: Record<string, string | undefined>, extra: Readonly<Record<string, string>>): Record<string, string | undefined> {
  return { ...extra, ...current, [MARK]: '1' };
}

/**
 * In the second process: ends it at once, like a SIGKILL, when the first process is gone
 * (its IPC channel closes). Does nothing in a process that was not relaunched.
 */
export function followParent(): void {
  if (!process.env[MARK] || !process.connected) return;
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  // The channel must not keep this process alive once its work is done.
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
