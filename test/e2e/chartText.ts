// What a chart writes on its canvas, as boxes: uPlot draws axis labels with fillText, so
// the page has no elements to measure. recordCanvasText wraps fillText in the page, then a
// resize redraws every chart; canvasTextIn lists the texts a chart drew with each one's box
// (measureText's width around its anchor, in canvas pixels) and whether it was rotated.
import type { Page } from 'playwright-core';

export type DrawnText = { text: string; left: number; right: number; y: number; rotated: boolean };

/** From now on, the page keeps a list of every text drawn on each canvas (cleared by each call). */
export async function recordCanvasText(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Rec = { text: string; left: number; right: number; y: number; rotated: boolean };
    const w = window as unknown as { __drawn?: WeakMap<HTMLCanvasElement, Rec[]>; __fillTextWrapped?: boolean };
    w.__drawn = new WeakMap();
    if (w.__fillTextWrapped) return;
    w.__fillTextWrapped = true;
    // A chart redraws by clearing its whole canvas first: only the newest drawing counts.
    const clear = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (this: CanvasRenderingContext2D, x: number, y: number, cw: number, ch: number) {
      if (x <= 0 && y <= 0 && cw >= this.canvas.width && ch >= this.canvas.height) w.__drawn!.delete(this.canvas);
      return clear.call(this, x, y, cw, ch);
    };
    const original = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
      const m = this.getTransform();
      const width = this.measureText(text).width;
      // The anchor in canvas pixels, and where the text starts from it by its alignment.
      const ax = m.a * x + m.c * y + m.e;
      const ay = m.b * x + m.d * y + m.f;
      const start = this.textAlign === 'center' ? ax - width / 2 : this.textAlign === 'right' || this.textAlign === 'end' ? ax - width : ax;
      const list = w.__drawn!.get(this.canvas) ?? [];
      list.push({ text, left: start, right: start + width, y: Math.round(ay), rotated: Math.abs(m.b) > 1e-6 });
      w.__drawn!.set(this.canvas, list);
      return maxWidth === undefined ? original.call(this, text, x, y) : original.call(this, text, x, y, maxWidth);
    };
  });
}

/** The texts drawn (since recordCanvasText) on the canvas of the chart titled `title`, in drawing order. */
export async function canvasTextIn(page: Page, title: string): Promise<DrawnText[]> {
  return page.evaluate((t) => {
    const w = window as unknown as { __drawn?: WeakMap<HTMLCanvasElement, DrawnText[]> };
    const chart = [...document.querySelectorAll('section.chart')].find((s) => s.querySelector('h3')?.textContent === t);
    const canvas = chart?.querySelector('canvas');
    return canvas ? (w.__drawn?.get(canvas) ?? []) : [];
  }, title);
}

/** Pairs of texts on one line (the same baseline) whose boxes overlap or touch (closer than `gap` px). */
export function overlapping(texts: DrawnText[], gap = 2): [string, string][] {
  const out: [string, string][] = [];
  const byLine = new Map<number, DrawnText[]>();
  for (const t of texts) byLine.set(t.y, [...(byLine.get(t.y) ?? []), t]);
  for (const line of byLine.values()) {
    const sorted = [...line].sort((a, b) => a.left - b.left);
    for (let i = 1; i < sorted.length; i++) if (sorted[i].left < sorted[i - 1].right + gap) out.push([sorted[i - 1].text, sorted[i].text]);
  }
  return out;
}
