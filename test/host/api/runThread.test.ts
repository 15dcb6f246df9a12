// The studio's runs go through the pipeline in run threads: while a simulation runs at
// full speed the host's main thread only relays (it stays nearly idle, so API calls are
// answered at once), and the run's threads run at a lower priority than the host.
// Thread CPU time and nice values are read from /proc (Linux only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { inProcess, type ApiUnderTest } from '../../api/hosts';
import { RUN_THREAD_NICE } from '../../../host/api/runs/threadPriority';

const linux = process.platform === 'linux' ? describe : describe.skip;
const HUNT = () => JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'old-town-walk.hunt.json'), 'utf8'));
const TICKS_PER_SEC = 100; // USER_HZ on Linux

/** [utime + stime in ticks, nice] of a thread of this process, from /proc/self/task/TID/stat. */
function threadStat(tid: string): { ticks: number; nice: number } {
  const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
  // Fields after the command: state is field 3, utime 14, stime 15, nice 19.
  return { ticks: Number(fields[11]) + Number(fields[12]), nice: Number(fields[16]) };
}

const mainTid = () => readlinkSync('/proc/thread-self').split('/').pop()!;

let t: ApiUnderTest;
beforeAll(async () => {
  t = await inProcess();
});
afterAll(async () => {
  await t?.close();
});

linux('run threads', () => {
  it('a simulation at full speed leaves the main thread nearly idle and answering', async () => {
    const tid = mainTid();
    const before = threadStat(tid).ticks;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const sim = await t.api.call('runs.simulate', { hunt: HUNT(), name: 'busy', settings: { participants: 20_000, seed: 1, profiles: null, speed: 0 } });
    // While it runs, API calls are answered quickly.
    const answers: number[] = [];
    let processed = 0;
    // At least 4 s, and until the run is well under way (starting its threads takes a while on a busy machine).
    while (performance.now() - started < 4000 || (processed <= 10_000 && performance.now() - started < 45_000)) {
      const t0 = performance.now();
      processed = (await t.api.call('runs.progress', { runId: sim.id })).processed;
      answers.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
    const wallSec = (performance.now() - started) / 1000;
    const mainCpuSec = (threadStat(tid).ticks - before) / TICKS_PER_SEC;
    delay.disable();
    await t.api.call('runs.control', { runId: sim.id, action: 'cancel' }).catch(() => undefined);
    expect(processed).toBeGreaterThan(10_000); // the run was really going
    // The pipeline on this thread kept it busy most of the time; relaying progress takes a few percent.
    console.log(`main thread CPU while simulating: ${((100 * mainCpuSec) / wallSec).toFixed(1)} % of the wall time; ${processed} events`);
    expect(mainCpuSec / wallSec).toBeLessThan(0.05);
    // Typical answers are quick; on a loaded machine the scheduler may hold the thread for a
    // while, but an answer queued behind the pipeline's work would take seconds.
    const sorted = [...answers].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(50);
    expect(sorted[sorted.length - 1]).toBeLessThan(1000);
  }, 60_000);

  it('a run thread lowers its own priority, and the threads it starts inherit it; the host keeps its own', async () => {
    const here = threadStat(mainTid()).nice;
    const w = new Worker(
      `
      const { parentPort } = require('node:worker_threads');
      const { readlinkSync } = require('node:fs');
      require('tsx/cjs');
      const { lowerThisThreadPriority } = require(${JSON.stringify(join(__dirname, '..', '..', '..', 'host', 'api', 'runs', 'threadPriority.ts'))});
      const lowered = lowerThisThreadPriority();
      const { Worker } = require('node:worker_threads');
      // The inner thread stays alive until the test has read its priority.
      const inner = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()); setInterval(() => {}, 1000)", { eval: true });
      inner.once('message', (innerTid) => parentPort.postMessage({ lowered, tid: readlinkSync('/proc/thread-self').split('/').pop(), innerTid }));
      `,
      { eval: true },
    );
    const m = await new Promise<{ lowered: boolean; tid: string; innerTid: string }>((resolve) => w.once('message', resolve));
    expect(m.lowered).toBe(true);
    expect(threadStat(m.tid).nice).toBe(RUN_THREAD_NICE);
    expect(threadStat(m.innerTid).nice).toBe(RUN_THREAD_NICE);
    expect(threadStat(mainTid()).nice).toBe(here);
    await w.terminate();
  });
});
