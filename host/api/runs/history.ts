// A participant's events up to an event number, for the inspector. The log has no
// index by participant (it would cost the writer a random page write per event), so
// finding them means scanning the log from the start: on a run of millions of events
// that is most of a second. The scan is therefore done once per participant and kept:
// the first request scans the run as far as it has been stored, later ones (any event
// number, back or forth, while the designer scrubs) are answered from what was found,
// and only events stored since are scanned again. Runs in the history worker (see
// queryClient.ts), so the scan never holds up a seek.
import type { EventRow } from '../../../api/contract';
import type { Db } from '../../../db/open';
import { getRun } from '../../../db/runs';
import { participantEvents } from '../../../db/events';
import { toEventRow } from './context';

type Found = { key: string; scannedTo: number; events: EventRow[] };

/** Participants kept (most recently asked last): a designer inspects a handful at a time. */
const KEEP = 16;
const found = new Map<string, Found>();

function keep(entry: Found): void {
  found.delete(entry.key);
  found.set(entry.key, entry);
  if (found.size > KEEP) found.delete(found.keys().next().value as string);
}

/** The participant's events with seq <= atSeq, in order. */
export function participantHistory(db: Db, runId: number, participant: string, atSeq: number): EventRow[] {
  const run = getRun(db, runId);
  if (!run) throw new Error(`run ${runId}: no such run`);
  // A run id can come back after the newest run is deleted: the start time tells them apart.
  const key = `${db.name}\u0000${runId}\u0000${run.startedMs}\u0000${participant}`;
  let entry = found.get(key);
  if (!entry) entry = { key, scannedTo: 0, events: [] };
  if (atSeq > entry.scannedTo) {
    // Scan to the newest stored event (not just atSeq): the next seeks are then free.
    const to = Math.max(atSeq, run.events);
    const rows = participantEvents(db, runId, participant, entry.scannedTo, to);
    entry = { key, scannedTo: to, events: entry.events.concat(rows.map(toEventRow)) };
  }
  keep(entry);
  const events = entry.events;
  // Binary search: the events up to atSeq.
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].seq <= atSeq) lo = mid + 1;
    else hi = mid;
  }
  return events.slice(0, lo);
}
