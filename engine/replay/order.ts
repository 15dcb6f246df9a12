// Plain code-point order (spec §4: never locale order). JavaScript's `<` on strings
// compares UTF-16 code units, which puts astral characters (surrogate pairs) before
// U+E000–U+FFFF; the fix-up below restores code-point order at the first difference.
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = fixUp(x);
      y = fixUp(y);
    }
    return x - y;
  }
  return a.length - b.length;
}

function fixUp(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800; // BMP above the surrogates: below them in code-point order
  return unit + 0x2000; // surrogate: the character is astral, above every BMP character
}
