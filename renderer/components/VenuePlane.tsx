// The venue as a flat plane (no map tiles: the studio is offline), optionally over
// an image of the venue the designer picks. Places are circles drawn to scale.
import { useEffect, useRef, useState } from 'react';
import type { LocationView } from '../hunt/draft';
import { frameFor, fromPixel, pixelsPerMetre, placeLabels, toPixel, type Frame } from '../hunt/plane';
import { useSize } from '../lib/useSize';
import { createStore, useStore } from '../state/store';

/** The venue image, shared by the editor and playtest; an object URL, never uploaded anywhere. */
export const venueImage = createStore<string | null>(null);

export type VenuePlaneProps = {
  locations: LocationView[];
  selected: number | null;
  editable: boolean;
  label: string;
  onSelect?(index: number | null): void;
  onMove?(index: number, at: { lat: number; lon: number }): void;
  onAdd?(at: { lat: number; lon: number }): void;
  /** Playtest: the player's position and a click that moves them. */
  marker?: { lat: number; lon: number } | null;
  onPick?(at: { lat: number; lon: number }): void;
  /** Place ids to draw as reached (playtest, debugger). */
  reached?: Set<string>;
};

export function VenuePlane(props: VenuePlaneProps) {
  const box = useRef<HTMLDivElement>(null);
  const size = useSize(box);
  const image = useStore(venueImage, (v) => v);
  const aspect = size.width > 0 && size.height > 0 ? size.width / size.height : 1.6;
  const [frame, setFrame] = useState<Frame>(() => frameFor(props.locations, aspect));
  const [drag, setDrag] = useState<{ index: number; lat: number; lon: number } | null>(null);
  const count = props.locations.length;

  // Refit when places are added or removed, or the view changes shape; not while moving one.
  useEffect(() => {
    setFrame(frameFor(props.locations, aspect));
  }, [count, aspect]);

  const pointer = (e: React.PointerEvent) => {
    const rect = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
    return fromPixel(frame, size, e.clientX - rect.left, e.clientY - rect.top);
  };
  const ppm = pixelsPerMetre(frame, size);
  const scaleM = niceScale(frame.halfWidthM / 2);
  const pixels = props.locations.map((l) => {
    const at = drag?.index === l.index ? drag : l;
    return toPixel(frame, size, at.lat, at.lon);
  });
  // Names stay inside the plane and off each other (a long one goes left of its place).
  const labels = placeLabels(
    props.locations.map((l, i) => ({ ...pixels[i], text: l.name || l.id })),
    size,
  );

  return (
    <div className="plane-wrap">
      <div className="plane-tools" role="toolbar" aria-label="Venue plane tools">
        <button type="button" onClick={() => setFrame(frameFor(props.locations, aspect))}>Fit</button>
        <label className="file-button">
          Venue image…
          <input
            type="file"
            accept="image/*"
            aria-label="Choose a venue image"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              const old = venueImage.get();
              if (old) URL.revokeObjectURL(old);
              venueImage.set(URL.createObjectURL(f));
            }}
          />
        </label>
        {image && (
          <button type="button" onClick={() => venueImage.set(null)}>
            Remove image
          </button>
        )}
        <span className="muted small">
          {props.editable ? 'Double-click to add a place; drag a place to move it.' : props.onPick ? 'Click to move the player there.' : ''}
        </span>
      </div>
      <div className="plane" ref={box}>
        {size.width > 0 && (
          <svg
            width={size.width}
            height={size.height}
            role="application"
            aria-label={props.label}
            style={image ? { backgroundImage: `url(${image})` } : undefined}
            className={image ? 'with-image' : undefined}
            onDoubleClick={(e) => {
              if (props.editable && e.target === e.currentTarget) props.onAdd?.(pointer(e as unknown as React.PointerEvent));
            }}
            onPointerDown={(e) => {
              if (e.target === e.currentTarget) {
                props.onSelect?.(null);
                props.onPick?.(pointer(e));
              }
            }}
            onPointerMove={(e) => {
              if (drag) setDrag({ index: drag.index, ...pointer(e) });
            }}
            onPointerUp={() => {
              if (drag) props.onMove?.(drag.index, { lat: drag.lat, lon: drag.lon });
              setDrag(null);
            }}
          >
            <Grid width={size.width} height={size.height} stepPx={scaleM * ppm} />
            {props.locations.map((l, i) => {
              const { px, py } = pixels[i];
              const r = Math.max(4, l.radiusM * ppm);
              const selected = props.selected === l.index;
              return (
                <g
                  key={l.index}
                  className={`place ${selected ? 'is-selected' : ''} ${props.reached?.has(l.id) ? 'is-reached' : ''}`}
                  transform={`translate(${px},${py})`}
                  role="button"
                  tabIndex={0}
                  aria-label={`Place ${l.name || l.id}`}
                  aria-pressed={selected}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') props.onSelect?.(l.index);
                  }}
                  onPointerDown={(e) => {
                    e.stopPropagation();
                    props.onSelect?.(l.index);
                    if (props.editable) {
                      (e.currentTarget.ownerSVGElement as SVGSVGElement).setPointerCapture(e.pointerId);
                      setDrag({ index: l.index, lat: l.lat, lon: l.lon });
                    } else props.onPick?.({ lat: l.lat, lon: l.lon });
                  }}
                >
                  <circle r={r} className="place-radius" />
                  <circle r={4} className="place-dot" />
                  <text x={labels[i].dx} y={labels[i].dy} textAnchor={labels[i].anchor} className="place-label">
                    {l.name || l.id}
                  </text>
                </g>
              );
            })}
            {props.marker && <Marker {...toPixel(frame, size, props.marker.lat, props.marker.lon)} />}
            <ScaleBar metres={scaleM} px={scaleM * ppm} y={size.height - 16} />
          </svg>
        )}
      </div>
    </div>
  );
}

function Marker({ px, py }: { px: number; py: number }) {
  return (
    <g transform={`translate(${px},${py})`} className="player-marker" aria-label="Player position">
      <circle r={9} />
      <circle r={3} className="inner" />
    </g>
  );
}

function Grid({ width, height, stepPx }: { width: number; height: number; stepPx: number }) {
  if (!(stepPx > 8)) return null;
  const lines = [];
  for (let x = stepPx; x < width; x += stepPx) lines.push(<line key={`x${x}`} x1={x} x2={x} y1={0} y2={height} />);
  for (let y = stepPx; y < height; y += stepPx) lines.push(<line key={`y${y}`} y1={y} y2={y} x1={0} x2={width} />);
  return <g className="plane-grid">{lines}</g>;
}

function ScaleBar({ metres, px, y }: { metres: number; px: number; y: number }) {
  return (
    <g className="scale-bar" transform={`translate(16,${y})`}>
      <line x1={0} x2={px} y1={0} y2={0} />
      <text x={px + 6} y={4}>{metres >= 1000 ? `${metres / 1000} km` : `${metres} m`}</text>
    </g>
  );
}

/** A round distance (1, 2 or 5 × 10^n metres) close to the one given, for the grid and scale bar. */
export function niceScale(m: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(m, 1))));
  const f = m / p;
  return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * p;
}

