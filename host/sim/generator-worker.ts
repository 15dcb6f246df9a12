// The simulation's generator in its own worker thread. Generating costs as much
// main-thread time as checking the lines does, and 100k simulated participants make
// garbage the main thread's heap would keep; here it runs beside the pipeline with a
// bounded heap (resourceLimits set by the caller). The main thread asks for chunks
// of lines; the recorder (results and summary) lives here and is sent at the end.
import { parentPort, workerData } from 'node:worker_threads';
import { compileHunt } from '../../engine/hunt/compile';
import { Simulation } from '../../engine/sim/simulation';
import { SimulationRecorder } from '../../engine/sim/recorder';
import type { GeneratorReply, GeneratorWorkerData } from './generator-protocol';

const data = workerData as GeneratorWorkerData;
const d = data.description;
const recorder = new SimulationRecorder(compileHunt(d.hunt), data.keepResults);
const sim = new Simulation(d.hunt, { participants: d.participants, seed: d.seed, profiles: d.profiles }, recorder.onEnded);
// Lines before fromLine were committed before a crash: regenerate them silently.
for (let n = 1; n < data.fromLine; n++) if (sim.nextLine() === null) break;

parentPort!.on('message', () => {
  const lines: string[] = [];
  while (lines.length < data.chunkLines) {
    const line = sim.nextLine();
    if (line === null) break;
    lines.push(line);
  }
  const done = sim.peekTime() === Infinity;
  const reply: GeneratorReply = {
    text: lines.join('\n'),
    count: lines.length,
    counts: { ...sim.counts },
    done,
    outcome: done ? { participants: recorder.participants(), summary: recorder.summary() } : null,
  };
  parentPort!.postMessage(reply);
});
