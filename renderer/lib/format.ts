// Number and time formatting shared by the screens.
export function fmtInt(n: number | null | undefined): string {
  return n == null ? '–' : Math.round(n).toLocaleString('en-US');
}

/** Seconds as h:mm:ss or m:ss (virtual time of a hunt). */
export function fmtDuration(sec: number | null | undefined): string {
  if (sec == null || !Number.isFinite(sec)) return '–';
  // Under a minute tenths are shown: round to them first, so 5.96 s is 0:06, not 0:05.0.
  const s = sec < 60 ? Math.round(Math.max(0, sec) * 10) / 10 : Math.max(0, sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = Math.floor(s % 60);
  const frac = s % 1 >= 0.05 && s < 60 ? (s % 1).toFixed(1).slice(1) : '';
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}${frac}`;
}

export function fmtPct(x: number | null | undefined): string {
  return x == null ? '–' : `${(x * 100).toFixed(1)}%`;
}

export function fmtRate(n: number): string {
  if (n >= 10_000) return `${(n / 1000).toFixed(0)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return n.toFixed(0);
}
