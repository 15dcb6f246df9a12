// What one checkpoint row costs: bytes, and the time to write it from a participant's
// actor (encode) and to read it back into an actor (parse + restore), for the
// participant-state format (engine/state/participant-state.ts) and for the XState
// persisted-snapshot JSON checkpoints held before it (c8e75db wrote exactly the string
// `xstateJson` builds; it read them with machine.restoreSnapshot). The states are those
// of a simulation of the 20-step benchmark hunt, taken once half the log is played
// (a mix of fresh, half-way and finished participants) and at its end.
//   node --import tsx bench/checkpoint-format.bench.ts [--participants N] [--seed S]
import { performance } from 'node:perf_hooks';
import { compileHunt } from '../engine/hunt/compile';
import { LogFront } from '../engine/log/front';
import { ParticipantTable } from '../engine/replay/participants';
import { compileParticipantLogic } from '../engine/machine/participant-machine';
import type { ParticipantState } from '../engine/rules/state';
import { defaultProfiles } from '../engine/sim/presets';
import { Simulation } from '../engine/sim/simulation';
import { fromStored } from '../engine/state/participant-state';
import { benchHunt } from './bench-hunt';

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const participants = arg('--participants', 20_000);
const seed = arg('--seed', 1);

const hunt = benchHunt();
const h = compileHunt(hunt);
const lines = [...new Simulation(hunt, { participants, seed, profiles: defaultProfiles() }).lines()];

type ActorSnapshot = { status: string; output: unknown; error: unknown; value: unknown; historyValue: object; children: object; context: { participant: ParticipantState } };

/** What c8e75db's ParticipantTable.persistedJsonOf did for every row: its shape checks, then the string. */
function xstateJsonOf(s: ActorSnapshot): string {
  const c = s.context;
  const keys = Object.keys(c);
  if (s.status !== 'active' || s.output !== undefined || s.error !== undefined || typeof s.value !== 'string' || Object.keys(s.historyValue).length > 0 || Object.keys(s.children).length > 0 || keys.length !== 2) {
    throw new Error('not the fixed shape');
  }
  return `{"status":"active","value":${JSON.stringify(s.value)},"historyValue":{},"context":{"participant":${JSON.stringify(c.participant)},"rejection":null},"children":{}}`;
}

/** µs per item of each function, best of 9 rounds, the functions taking turns in every round (a busy machine slows both alike). */
function perItem<T>(items: readonly T[], fns: Record<string, (x: T) => unknown>): Record<string, number> {
  const best: Record<string, number> = {};
  for (let r = 0; r < 9; r++) {
    for (const [name, fn] of Object.entries(fns)) {
      const t0 = performance.now();
      for (const x of items) fn(x);
      best[name] = Math.min(best[name] ?? Infinity, performance.now() - t0);
    }
  }
  for (const k of Object.keys(best)) best[k] = Math.round((best[k] * 1000 * 100) / items.length) / 100;
  return best;
}

function measure(label: string, table: ParticipantTable): void {
  const ids = table.ids();
  const states = ids.map((id) => table.inspect(id)!);
  const { machine } = compileParticipantLogic(h);
  // Each participant's actor snapshot as the table holds it (the table keeps its own private).
  const snapshots = states.map((state) => machine.resolveState({ value: state.status, context: { participant: state, rejection: null } }) as unknown as ActorSnapshot);
  const newRows = ids.map((id) => table.persistedJson(id)!);
  const oldRows = snapshots.map(xstateJsonOf);
  const bytes = (rows: string[]) => Math.round(rows.reduce((a, r) => a + Buffer.byteLength(r), 0) / rows.length);
  const scope = { self: undefined, id: 'p', sessionId: 'x', logger: () => {}, defer: () => {}, emit: () => {}, system: undefined, stopChild: () => {}, actionExecutor: () => {} } as never;
  const counts = states.reduce<Record<string, number>>((a, s) => ((a[s.status] = (a[s.status] ?? 0) + 1), a), {});
  console.log(`${label}: ${ids.length} participants ${JSON.stringify(counts)}`);
  console.log(`  bytes a row: XState JSON ${bytes(oldRows)}, participant-state v1 ${bytes(newRows)}`);
  console.log(`  write µs a row (from the actor snapshot): ${JSON.stringify(perItem(ids.map((id, k) => k), { xstateJson: (k) => xstateJsonOf(snapshots[k]), participantStateV1: (k) => table.persistedJson(ids[k]) }))}`);
  const i = ids.length >> 1;
  const restoreBoth = perItem([0], {
    xstateRestoreSnapshot: () => oldRows.forEach((j) => machine.restoreSnapshot(JSON.parse(j), scope)),
    xstateConverted: () => ParticipantTable.fromStates(h, oldRows.map((j) => fromStored(h, JSON.parse(j)))),
    participantStateV1: () => ParticipantTable.fromStates(h, newRows.map((j) => fromStored(h, JSON.parse(j)))),
  });
  for (const k of Object.keys(restoreBoth)) restoreBoth[k] = Math.round((restoreBoth[k] * 100) / ids.length) / 100;
  console.log(`  read µs a row (parse and restore into actors; a table of all): ${JSON.stringify(restoreBoth)} (row ${i} reads back equal: ${JSON.stringify(fromStored(h, JSON.parse(newRows[i]))) === JSON.stringify(fromStored(h, JSON.parse(oldRows[i])))})`);
}

const front = new LogFront();
const table = new ParticipantTable(h);
lines.forEach((line, i) => {
  const v = front.acceptLine(line);
  if (v?.ok) table.apply(v.event);
  if (i === Math.floor(lines.length / 2)) measure(`half-way (line ${i + 1} of ${lines.length})`, table);
});
table.finalize(front.clock);
measure('at the end', table);
