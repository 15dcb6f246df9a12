// The key to the steps graph: what the box colours and the kinds of arrow mean.
const LINES: { cls: string; label: string; v2: boolean }[] = [
  { cls: 'req-done', label: 'required (solved or failed)', v2: false },
  { cls: 'req-solved', label: 'only if solved', v2: true },
  { cls: 'req-failed', label: 'only if failed (a detour)', v2: true },
  { cls: 'req-anyOf', label: 'any of several', v2: true },
];

/** Open at first on a wide window; on a small one it starts folded so it hides no step. */
const startOpen = () => typeof window === 'undefined' || window.innerWidth >= 1400;

export function GraphLegend({ v2, hasGroups }: { v2: boolean; hasGroups: boolean }) {
  return (
    <details className="legend" open={startOpen()}>
      <summary>Legend</summary>
      <ul aria-label="Legend">
        {LINES.filter((l) => v2 || !l.v2).map((l) => (
          <li key={l.cls}>
            <svg width="34" height="10" aria-hidden="true" className={l.cls}>
              <line x1="1" y1="5" x2="33" y2="5" className="legend-line" />
            </svg>
            {l.label}
          </li>
        ))}
        <li>
          <span className="legend-swatch kind-answer" aria-hidden="true" /> question <span className="legend-swatch kind-code" aria-hidden="true" /> code{' '}
          <span className="legend-swatch kind-location" aria-hidden="true" /> place
          {v2 && (
            <>
              {' '}
              <span className="legend-swatch kind-choice" aria-hidden="true" /> choice <span className="legend-swatch kind-judged" aria-hidden="true" /> judged
            </>
          )}
        </li>
        {v2 && (
          <li>
            <span className="legend-box is-optional" aria-hidden="true" /> optional (bonus) · ⚑ finish step
          </li>
        )}
        {(v2 || hasGroups) && (
          <li>
            <span className="legend-box rotation" aria-hidden="true" /> rotation group
          </li>
        )}
      </ul>
    </details>
  );
}
