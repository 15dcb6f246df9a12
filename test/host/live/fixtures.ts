// A small hunt for the live tests: an answer step with a hint, a code step and a place.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hunt } from '../../../engine/hunt/schema';

export const LIVE_HUNT = {
  format: 'hunt/1',
  id: 'live-test',
  title: 'Live test hunt',
  timeLimitSec: 3600,
  wrongAnswerPenalty: 5,
  locations: [{ id: 'fountain', name: 'Fountain', lat: 48.2082, lon: 16.3738, radiusM: 30 }],
  steps: [
    { id: 'riddle', title: 'Riddle', kind: 'answer', prompt: 'What has keys but no locks?', answers: ['piano'], hints: [{ text: 'It makes music', penalty: 20 }] },
    { id: 'plaque', title: 'Scan the plaque', kind: 'code', code: 'PLQ-7', points: 50 },
    { id: 'fountain', title: 'Find the fountain', kind: 'location', location: 'fountain', points: 80, requires: ['riddle'] },
  ],
} as unknown as Hunt;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hunt-live-'));
}
