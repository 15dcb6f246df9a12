// The 20-step hunt the simulation and what-if benchmarks play.
import type { HuntV1 as Hunt } from '../engine/hunt/schema';

/** 20 steps: 8 location, 7 answer, 5 code; three branches that meet at the end; hints; limits. */
export function benchHunt(): Hunt {
  const lat0 = 48.2082;
  const lon0 = 16.3738;
  const locations = Array.from({ length: 8 }, (_, i) => ({
    id: `spot-${i + 1}`,
    lat: lat0 + 0.0016 * Math.cos(i * 0.8) * (1 + (i % 3) * 0.4),
    lon: lon0 + 0.0022 * Math.sin(i * 0.8) * (1 + (i % 2) * 0.5),
    radiusM: 15 + (i % 3) * 10,
  }));
  const kinds = ['location', 'answer', 'code', 'location', 'answer', 'location', 'code', 'answer', 'location', 'answer'];
  const steps: Hunt['steps'] = [];
  let loc = 0;
  for (let i = 0; i < 20; i++) {
    const kind = i === 19 ? 'answer' : i % 10 === 9 && loc < 8 ? 'location' : kinds[i % kinds.length];
    const id = `s${String(i + 1).padStart(2, '0')}`;
    // Three branches from the start, joined again at step 20.
    const requires = i === 0 ? [] : i === 19 ? ['s07', 's13', 's19'] : i < 7 ? [`s${String(i).padStart(2, '0')}`] : i === 7 || i === 13 ? ['s01'] : [`s${String(i).padStart(2, '0')}`];
    const hints = i % 3 === 0 ? [{ text: 'a nudge', penalty: 15 }, { text: 'a bigger nudge', penalty: 30 }] : undefined;
    const base = { id, title: `Step ${i + 1}`, requires, ...(hints ? { hints } : {}), ...(i % 7 === 3 ? { timeLimitSec: 1200 } : {}) };
    if (kind === 'location' && loc < 8) steps.push({ ...base, kind: 'location', location: locations[loc++].id });
    else if (kind === 'code') steps.push({ ...base, kind: 'code', code: `CODE-${i + 1}`, maxAttempts: 5 });
    else steps.push({ ...base, kind: 'answer', prompt: `Question ${i + 1}`, answers: [`answer ${i + 1}`, `the answer ${i + 1}`], maxAttempts: 6 });
  }
  return { format: 'hunt/1', id: 'bench-twenty', title: 'Benchmark hunt, 20 steps', timeLimitSec: 4 * 3600, wrongAnswerPenalty: 5, locations: locations.slice(0, loc), steps };
}
