// Ctrl-C for the in-memory commands: the first press cancels the work (the command
// then exits with 130), a second one quits at once.
import { CliError } from './errors';
import { ProgressBar } from './progress';

export type SigintCancel = { signal: AbortSignal; dispose(): void };

export function cancelOnSigint(command: string): SigintCancel {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\nhunt ${command}: cancelling (Ctrl-C again to quit at once)…\n`);
    controller.abort(new Error('cancelled'));
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

/**
 * Runs a long in-memory command (compare, sweep, fork): a progress bar, and Ctrl-C cancels
 * it (exit 130, with `cancelledNote()` after "cancelled"). Any failure but a CliError
 * becomes one, so the designer reads its message rather than a stack. `work` clears the
 * bar (`bar.done()`) before it writes its results.
 */
export async function runCancellable(
  command: string,
  barLabel: string,
  work: (w: { signal: AbortSignal; bar: ProgressBar }) => Promise<number>,
  cancelledNote: () => string = () => '',
): Promise<number> {
  const bar = new ProgressBar(barLabel);
  const cancel = cancelOnSigint(command);
  try {
    return await work({ signal: cancel.signal, bar });
  } catch (err) {
    if (cancel.signal.aborted) {
      bar.done();
      process.stderr.write(`hunt ${command}: cancelled${cancelledNote()}\n`);
      return 130;
    }
    throw err instanceof Error && !(err instanceof CliError) ? new CliError(err.message) : err;
  } finally {
    bar.done();
    cancel.dispose();
  }
}
