// The live host's figures: connected phones, actions per second, ack latency, queue depth, memory.
import { fmtDuration, fmtInt } from '../lib/format';
import type { ConsoleState } from '../../api/liveConsole';

const ms = (v: number | null) => (v === null ? '–' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`);

export function Figures({ state }: { state: ConsoleState }) {
  const f = state.figures;
  const items: [string, string][] = [
    ['Time', fmtDuration(state.t)],
    ['Teams', fmtInt(state.teams.length)],
    ['Phones online', fmtInt(f.connectedDevices)],
    ['Actions/s', f.actionsPerSec.toFixed(1)],
    ['Ack p50', ms(f.ackP50Ms)],
    ['Ack p99', ms(f.ackP99Ms)],
    ['Queue', fmtInt(f.queueDepth)],
    ['Memory', `${Math.round(f.rssMb)} MB`],
  ];
  return (
    <section className="live-figures" aria-label="Live figures">
      {items.map(([label, value]) => (
        <div key={label} className="stat">
          <div className="label">{label}</div>
          <div className="value" data-testid={`figure-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>
            {value}
          </div>
        </div>
      ))}
    </section>
  );
}
