// Where a run's events are (bars: how fast they came at that point of virtual time) and
// where rejections are (red ticks), drawn on a canvas above the scrubber and on the same
// scale as the scrubber: by event number, so the strip's cursor and the slider's thumb
// always point at the same place. Clicking seeks there.
import { useEffect, useRef } from 'react';
import type { DensityStrip as Density } from '../../api/contract';
import { useSize } from '../lib/useSize';
import { fmtDuration } from '../lib/format';
import { eventSpaceBars } from './densityMath';

export function DensityStrip({ density, position, onSeekFraction }: { density: Density | null; position: number; onSeekFraction(f: number): void }) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useSize(box);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !density || size.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = size.width * dpr;
    c.height = size.height * dpr;
    const g = c.getContext('2d')!;
    g.scale(dpr, dpr);
    g.clearRect(0, 0, size.width, size.height);
    g.fillStyle = '#9db7e6';
    for (const b of eventSpaceBars(density.buckets)) {
      const h = Math.max(1, b.height * (size.height - 6));
      g.fillRect(b.from * size.width, size.height - h, Math.max(1, (b.to - b.from) * size.width - 0.5), h);
    }
    // A time stretch's rejections sit in the middle of its events.
    const total = density.buckets.reduce((a, b) => a + b, 0) || 1;
    let before = 0;
    g.fillStyle = '#c2362f';
    density.buckets.forEach((count, i) => {
      if (density.rejections[i] > 0) g.fillRect(((before + count / 2) / total) * size.width - 1, 0, 3, 5);
      before += count;
    });
  }, [density, size]);

  return (
    <div className="density-wrap">
      <div
        className="density"
        ref={box}
        role="img"
        aria-label={density ? `Event density by event number: ${density.events} events between ${fmtDuration(density.firstT)} and ${fmtDuration(density.lastT)}; taller where events came faster; red marks rejections` : 'Event density'}
        onClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          onSeekFraction((e.clientX - rect.left) / rect.width);
        }}
      >
        <canvas ref={canvas} style={{ width: '100%', height: '100%' }} />
        <div className="density-cursor" style={{ left: `${position * 100}%` }} />
      </div>
    </div>
  );
}
