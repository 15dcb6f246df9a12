// The organiser's interventions (judge, adjust, extend, message): each is a line of the
// run's log written by the host; the answer says whether the rules took it, and the
// console tells the organiser either way.
import { api } from '../api';
import { notify, notifyError } from '../state/notices';
import type { Arg, Method } from '../../api/contract';
import type { Verdict } from '../../api/liveConsole';

type Intervention = 'console.judge' | 'console.adjust' | 'console.extend' | 'console.message';

/** Runs one intervention; true when it was written and applied. `done` says what happened, for the notice. */
export async function intervene<M extends Intervention & Method>(method: M, arg: Arg<M>, done: string): Promise<boolean> {
  try {
    const v = (await api().call(method, arg)) as Verdict;
    // A message is kept for the record and rejected by every engine (no engine applies it): that is expected.
    if (v.rejected && method !== 'console.message') {
      notify(`${done}: written as line ${v.seq}, but the rules rejected it (${v.rejected}).`, 'error', 'console');
      return false;
    }
    notify(`${done} (line ${v.seq}).`, 'info', 'console');
    return true;
  } catch (err) {
    notifyError(err, done, 'console');
    return false;
  }
}

/** Judging, adjusting and extending are hunt/2 events; a hunt/1 engine would reject them. */
export function supportsInterventions(format: string): boolean {
  return format !== 'hunt/1';
}
