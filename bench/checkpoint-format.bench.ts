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
import { ParticipantTable, type CapturedParticipant } from '../engine/replay/participants';
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

const xstateJson = (s: ParticipantState) => `{"status":"active","value":${JSON.stringify(s.status)},"historyValue":{},"context":{"participant":${JSON.stringify(s)},"rejection":null},"children":{}}`;

/** Best of 5 runs of fn over the items, in µs per item. */
function perItem<T>(items: readonly T[], fn: (x: T) => unknown): number {
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const x of items) fn(x);
    best = Math.min(best, performance.now() - t0);
  }
  return Math.round((best * 1000 * 100) / items.length) / 100;
}

function measure(label: string, table: ParticipantTable): void {
  const ids = table.ids();
  const captured = ids.map((id) => table.capture(id)!);
  const states = ids.map((id) => table.inspect(id)!);
  const newRows = captured.map((c) => table.persistedJsonOf(c));
  const oldRows = states.map(xstateJson);
  const bytes = (rows: string[]) => Math.round(rows.reduce((a, r) => a + Buffer.byteLength(r), 0) / rows.length);
  const { machine } = compileParticipantLogic(h);
  const scope = { self: undefined, id: 'p', sessionId: 'x', logger: () => {}, defer: () => {}, emit: () => {}, system: undefined, stopChild: () => {}, actionExecutor: () => {} } as never;
  const restoreNew = (json: string) => ParticipantTable.fromStates(h, [fromStored(h, JSON.parse(json))]);
  const counts = states.reduce<Record<string, number>>((a, s) => ((a[s.status] = (a[s.status] ?? 0) + 1), a), {});
  console.log(`${label}: ${ids.length} participants ${JSON.stringify(counts)}`);
  console.log(`  bytes a row:              XState JSON ${bytes(oldRows)}, participant-state v1 ${bytes(newRows)}`);
  console.log(`  write (encode) µs a row:  XState JSON ${perItem(states, xstateJson)}, participant-state v1 ${perItem(captured, (c: CapturedParticipant) => table.persistedJsonOf(c))}`);
  console.log(`  read (parse + restore) µs a row: XState JSON via restoreSnapshot ${perItem(oldRows, (j) => machine.restoreSnapshot(JSON.parse(j), scope))}, ` +
    `XState JSON converted ${perItem(oldRows, (j) => fromStored(h, JSON.parse(j)))}, participant-state v1 ${perItem(newRows, (j) => fromStored(h, JSON.parse(j)))} ` +
    `(+ a table of one: ${perItem(newRows, restoreNew)})`);
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
