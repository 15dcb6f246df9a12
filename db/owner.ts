// Who is running a run. A run left 'running' by a process that has since died
// (SIGKILL, power cut, crash) must be told apart from one that another live process
// is still writing. The owner is (host, pid, token): the token is the process's
// start time, read from /proc on Linux, so a recycled pid is not taken for the
// original process.
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';

export type Owner = { host: string; pid: number; token: string };

function processStartToken(pid: number): string | null {
  try {
    // Field 22 of /proc/PID/stat is the start time in clock ticks since boot; the
    // command name (field 2) may contain spaces, so count from the last ')'. Field 3 is
    // the state: a zombie (Z) or dead (X) process is gone even though its pid answers.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return 'gone';
    return `linux:${fields[19]}`;
  } catch {
    return null;
  }
}

let self: Owner | null = null;

export function currentOwner(): Owner {
  if (!self) {
    const token = processStartToken(process.pid) ?? `start:${Math.round(Date.now() - process.uptime() * 1000)}`;
    self = { host: hostname(), pid: process.pid, token };
  }
  return self;
}

/** False only when the owner is certainly gone: same host, and no process with that pid and start token. */
export function ownerMayBeAlive(owner: { host: string | null; pid: number | null; token: string | null }): boolean {
  if (owner.pid === null || owner.host === null) return false;
  const me = currentOwner();
  if (owner.host !== me.host) return true; // another machine (a shared folder): cannot tell, assume alive
  if (owner.pid === me.pid) return owner.token === me.token;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a process exists with that pid but belongs to someone else.
  }
  if (owner.token?.startsWith('linux:')) {
    const token = processStartToken(owner.pid);
    return token === null ? true : token === owner.token;
  }
  return true;
}
