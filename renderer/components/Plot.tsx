// A uPlot chart that fills its box. uPlot draws on canvas, so 100k-participant
// runs and thousands of points stay cheap; data updates reuse the same chart.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

export type PlotProps = {
  /** Builds the options for a width and height (series, axes, scales). */
  options: (size: { width: number; height: number }) => uPlot.Options;
  data: uPlot.AlignedData;
  /** A change of this key rebuilds the chart (different series); data changes only update it. */
  shapeKey: string;
  label: string;
};

export function Plot({ options, data, shapeKey, label }: PlotProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // The legend sits under the plot, inside the box: leave it room.
    const size = () => ({ width: Math.max(100, el.clientWidth), height: Math.max(80, el.clientHeight - LEGEND_PX) });
    const u = new uPlot(options(size()), latest.current, el);
    chart.current = u;
    const ro = new ResizeObserver(() => u.setSize(size()));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      chart.current = null;
    };
    // The options builder is recreated each render; the chart is rebuilt only when its shape changes.
  }, [shapeKey]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div className="plot" ref={box} role="img" aria-label={label} />;
}

const LEGEND_PX = 30;
/** Axis numbers: 12,500 stays readable; 100,000 becomes 100k so it fits the axis. */
export const compactNumber = (v: number): string => (Math.abs(v) >= 10_000 ? `${+(v / 1000).toFixed(1)}k` : v.toLocaleString('en-US'));
const AXIS = { stroke: '#6b7585', grid: { stroke: '#eceff3', width: 1 }, ticks: { stroke: '#dde1e7', width: 1 }, font: '11px system-ui, sans-serif' };

export function lineOptions(
  size: { width: number; height: number },
  series: { label: string; stroke: string; fill?: string }[],
  xLabel: string,
  xFormat: (v: number) => string = (v) => String(v),
): uPlot.Options {
  return {
    width: size.width,
    height: size.height,
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false } },
    axes: [
      { ...AXIS, label: xLabel, labelSize: 16, labelFont: '11px system-ui, sans-serif', values: (_u, vals) => vals.map(xFormat) },
      { ...AXIS, size: 56, values: (_u: uPlot, vals: number[]) => vals.map(compactNumber) },
    ],
    series: [{ label: xLabel, value: (_u, v) => (v == null ? '–' : xFormat(v)) }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, fill: s.fill, width: 1.6, points: { show: false } }))],
  };
}

/**
 * Bars per category. Several series are drawn centred on each other, each narrower
 * than the one before (reached, then solved inside it): readable as a funnel.
 */
export function barOptions(
  size: { width: number; height: number },
  series: { label: string; fill: string }[],
  /** Read at draw time, so new labels need no new chart. */
  categories: () => string[],
  xLabel?: string,
  rotateLabels = false,
): uPlot.Options {
  const n = series.length;
  // Each label gets room for its own text: uPlot then labels every 2nd or 5th bar when they
  // would not fit side by side, instead of printing them over each other.
  const labelSpace = () => Math.max(24, Math.max(0, ...categories().map((c) => shorten(c).length)) * 6.6 + 16);
  return {
    width: size.width,
    height: size.height,
    // Hovering a bar shows its category and count in the legend under the chart.
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
    // Bars start at zero: a funnel that starts at 600 would exaggerate every drop.
    scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] } },
    axes: [
      {
        ...AXIS,
        rotate: rotateLabels ? -28 : 0,
        size: rotateLabels ? 78 : 40,
        label: xLabel,
        labelSize: xLabel ? 16 : 0,
        labelFont: '11px system-ui, sans-serif',
        values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? shorten(categories()[v] ?? '') : '')),
        space: labelSpace,
        incrs: [1, 2, 3, 4, 5, 10, 20, 25, 50, 100],
      },
      { ...AXIS, size: 56, values: (_u: uPlot, vals: number[]) => vals.map(compactNumber) },
    ],
    series: [
      { label: xLabel ?? 'Category', value: (_u, v) => (v == null ? '–' : (categories()[v] ?? '')) },
      ...series.map((s, i) => ({
        label: s.label,
        fill: s.fill,
        stroke: s.fill,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.8 - (i * 0.4) / Math.max(1, n), 80], align: 0 }),
        points: { show: false },
      })),
    ],
  };
}

function shorten(s: string): string {
  return s.length > 16 ? s.slice(0, 15) + '…' : s;
}
