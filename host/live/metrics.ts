// The live host's figures: for the console (connected devices, actions per second, ack
// latency p50/p99 over the last actions, queue depth, memory) and, in OpenMetrics, for
// the organiser's own Prometheus (prom-client, a registry of its own per live host).
import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type OpenMetricsContentType } from 'prom-client';
import type { LiveFigures } from '../../api/liveConsole';

export type { LiveFigures };

const RECENT = 10_000;
const RATE_WINDOW_MS = 10_000;

export class LiveMetrics {
  readonly registry = new Registry<OpenMetricsContentType>();
  private readonly latencies = new Float64Array(RECENT);
  private latencyCount = 0;
  private readonly actionTimes: number[] = [];
  private readonly connected: Gauge;
  private readonly actions: Counter<'type' | 'verdict'>;
  private readonly ack: Histogram;

  constructor(
    private readonly sources: { connectedDevices: () => number; queueDepth: () => number },
  ) {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    collectDefaultMetrics({ register: this.registry, prefix: 'hunt_live_' });
    this.connected = new Gauge({ name: 'hunt_live_connected_devices', help: 'Phones connected now', registers: [this.registry], collect: () => this.connected.set(sources.connectedDevices()) });
    const depth: Gauge = new Gauge({ name: 'hunt_live_queue_depth', help: 'Lines taken and not yet committed to the log', registers: [this.registry], collect: () => depth.set(sources.queueDepth()) });
    this.actions = new Counter({ name: 'hunt_live_actions', help: 'Actions written to the log, by type and verdict', labelNames: ['type', 'verdict'], registers: [this.registry] });
    this.ack = new Histogram({
      name: 'hunt_live_ack_latency_seconds',
      help: 'From an action reaching the host to its acknowledgement (its line committed)',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2],
      registers: [this.registry],
    });
  }

  action(type: string, rejected: string | null, ackMs: number): void {
    this.actions.inc({ type, verdict: rejected ?? 'applied' });
    this.ack.observe(ackMs / 1000);
    this.latencies[this.latencyCount % RECENT] = ackMs;
    this.latencyCount++;
    const now = performance.now();
    this.actionTimes.push(now);
    while (this.actionTimes.length > 0 && this.actionTimes[0] < now - RATE_WINDOW_MS) this.actionTimes.shift();
  }

  figures(): LiveFigures {
    const n = Math.min(this.latencyCount, RECENT);
    const sorted = Array.from(this.latencies.subarray(0, n)).sort((a, b) => a - b);
    const pct = (q: number) => (n === 0 ? null : sorted[Math.min(n - 1, Math.floor(q * n))]);
    const now = performance.now();
    const recent = this.actionTimes.filter((t) => t >= now - RATE_WINDOW_MS).length;
    const mem = process.memoryUsage();
    return {
      connectedDevices: this.sources.connectedDevices(),
      actionsPerSec: recent / (RATE_WINDOW_MS / 1000),
      ackP50Ms: pct(0.5),
      ackP99Ms: pct(0.99),
      queueDepth: this.sources.queueDepth(),
      rssMb: mem.rss / 1048576,
      heapUsedMb: mem.heapUsed / 1048576,
    };
  }

  openMetrics(): Promise<string> {
    return this.registry.metrics();
  }
}
