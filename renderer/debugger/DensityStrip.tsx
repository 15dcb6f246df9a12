// Where a run's events fall in virtual time (bars) and where rejections are (red
// ticks), drawn on a canvas above the scrubber. Clicking seeks there.
import { useEffect, useRef } from 'react';
import type { DensityStrip as Density } from '../../api/contract';
import { useSize } from '../lib/useSize';

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
    const n = density.buckets.length;
    const max = Math.max(1, ...density.buckets);
    const w = size.width / Math.max(1, n);
    g.fillStyle = '#9db7e6';
    density.buckets.forEach((count, i) => {
      const h = (count / max) * (size.height - 6);
      g.fillRect(i * w, size.height - h, Math.max(1, w - 0.5), h);
    });
    g.fillStyle = '#c2362f';
    density.rejections.forEach((count, i) => {
      if (count > 0) g.fillRect(i * w, 0, Math.max(2, w - 0.5), 5);
    });
  }, [density, size]);

  return (
    <div
      className="density"
      ref={box}
      role="img"
      aria-label={density ? `Event density: ${density.events} events between ${density.firstT} s and ${density.lastT} s; red marks rejections` : 'Event density'}
      onClick={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        onSeekFraction((e.clientX - rect.left) / rect.width);
      }}
    >
      <canvas ref={canvas} style={{ width: '100%', height: '100%' }} />
      <div className="density-cursor" style={{ left: `${position * 100}%` }} />
    </div>
  );
}
