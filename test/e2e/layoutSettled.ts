// Waits until the page's layout holds still: after a resize or a screen change, charts
// redraw and graphs refit on their own frames, and a screenshot or a measurement taken
// before that shows the old size. "Still" means the boxes of the screen's regions, the
// canvases' sizes and the graph's transform are the same for a few frames in a row.
import type { Page } from 'playwright-core';

const STILL_FRAMES = 3;
const MAX_FRAMES = 600;

export async function layoutSettled(page: Page): Promise<void> {
  const settled = await page.evaluate(
    ({ still, max }) =>
      new Promise<boolean>((resolve) => {
        const shape = () =>
          [...document.querySelectorAll('main, aside, section, canvas, .react-flow__viewport')]
            .map((e) => {
              const b = e.getBoundingClientRect();
              const extra = e instanceof HTMLCanvasElement ? `${e.width}x${e.height}` : e instanceof HTMLElement ? e.style.transform : '';
              return `${b.x},${b.y},${b.width},${b.height},${extra}`;
            })
            .join('|') + `|${document.documentElement.scrollHeight}`;
        let last = shape();
        let same = 0;
        let frames = 0;
        const tick = () => {
          const now = shape();
          same = now === last ? same + 1 : 0;
          last = now;
          if (same >= still) resolve(true);
          else if (++frames >= max) resolve(false);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { still: STILL_FRAMES, max: MAX_FRAMES },
  );
  if (!settled) throw new Error(`the page's layout kept changing for ${MAX_FRAMES} frames`);
}
