// The simulation's generator in its own worker thread. Generating costs as much
// main-thread time as checking the lines does, and 100k simulated participants make
// garbage the main thread's heap would keep; here it runs beside the pipeline with a
// bounded heap (resourceLimits set by the caller). The main thread asks for chunks
// of lines; the recorder (results and summary) lives here and is sent at the end.
import { workerData } from 'node:worker_threads';
import { serveThread } from '../../engine/threads/server';
import { withTransfer } from '../../engine/threads/protocol';
import { compileHunt } from '../../engine/hunt/compile';
import { participantId, Simulation } from '../../engine/sim/simulation';
import { SimulationRecorder } from '../../engine/sim/recorder';
import type { GeneratorReply, GeneratorWorkerApi, GeneratorWorkerData } from './generator-protocol';
import { ChunkText } from './chunk-text';
import { eventTypeCode, lineBatchFromBytes, transferList } from '../../engine/batch/lineBatch';

const data = workerData as GeneratorWorkerData;
const d = data.description;
const recorder = new SimulationRecorder(compileHunt(d.hunt), data.keepResults);
const sim = new Simulation(d.hunt, { participants: d.participants, seed: d.seed, profiles: d.profiles }, recorder.onEnded);
// Lines before fromLine were committed before a crash: regenerate them silently.
for (let n = 1; n < data.fromLine; n++) if (sim.nextEvent() === null) break;

/** Bytes a chunk's text starts with room for (it grows when lines run longer). */
const BYTES_PER_LINE = 96;

/** Participant ids by index, made once each. */
const ids: string[] = [];
/** Per participant: the chunk whose string table holds its id (`chunks` counts them), and its index there. */
const inChunk = new Int32Array(d.participants);
const nameIndex = new Int32Array(d.participants);
let chunks = 0;

function next() {
  const text = new ChunkText(data.chunkLines * BYTES_PER_LINE, data.chunkLines);
  // The envelope of every line, known here, so the main thread need not parse the lines.
  const t = new Float64Array(data.chunkLines);
  const participant = new Int32Array(data.chunkLines);
  const type = new Int32Array(data.chunkLines);
  // A position's coordinates (NaN for other lines): its line writes them exactly (event-line.ts).
  const lat = new Float64Array(data.chunkLines).fill(NaN);
  const lon = new Float64Array(data.chunkLines).fill(NaN);
  // The chunk's participants, each once: its string table.
  const chunk = ++chunks;
  const names: string[] = [];
  let count = 0;
  while (count < data.chunkLines) {
    const e = sim.nextEvent();
    if (e === null) break;
    if (e.type === 'position') {
      text.appendPosition(e, sim.lastQuotedId);
      lat[count] = e.lat;
      lon[count] = e.lon;
    } else text.append(sim.lineOf(e));
    t[count] = e.t;
    const who = sim.lastParticipant;
    if (inChunk[who] !== chunk) {
      inChunk[who] = chunk;
      nameIndex[who] = names.length;
      names.push((ids[who] ??= participantId(who, d.participants)));
    }
    participant[count] = nameIndex[who];
    type[count] = eventTypeCode(e.type);
    count++;
  }
  const done = sim.peekTime() === Infinity;
  const batch = lineBatchFromBytes({
    bytes: text.bytes(),
    offsets: text.offsets(),
    seq: new Float64Array(count),
    line: new Float64Array(count),
    t: t.subarray(0, count),
    participant: participant.subarray(0, count),
    names,
    type: type.subarray(0, count),
    verdict: new Uint8Array(count),
    lat: lat.subarray(0, count),
    lon: lon.subarray(0, count),
  });
  const reply: GeneratorReply = { batch, counts: { ...sim.counts }, done, outcome: done ? { participants: recorder.participants(), summary: recorder.summary() } : null };
  return withTransfer(reply, transferList(batch));
}

serveThread<GeneratorWorkerApi>({ next });
