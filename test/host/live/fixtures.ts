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

/**
 * A hunt/2 version for the organiser's part: a judged photo after the riddle, so the
 * console judges it (hunt-v2 §3.4), and the plaque's code to scan.
 */
export const LIVE_HUNT_V2 = {
  format: 'hunt/2',
  id: 'live-test-v2',
  title: 'Live test hunt (judged photo)',
  timeLimitSec: 3600,
  wrongAnswerPenalty: 5,
  locations: [{ id: 'fountain', name: 'Fountain', lat: 48.2082, lon: 16.3738, radiusM: 30 }],
  steps: [
    { id: 'riddle', title: 'Riddle', kind: 'answer', prompt: 'What has keys but no locks?', answers: ['piano'], hints: [{ text: 'It makes music', penalty: 20 }] },
    { id: 'selfie', title: 'Team selfie at the piano', kind: 'judged', prompt: 'A photo of the whole team at the piano.', points: 60, requires: ['riddle'] },
    { id: 'plaque', title: 'Scan the plaque', kind: 'code', code: 'PLQ-7', points: 50 },
    { id: 'fountain', title: 'Find the fountain', kind: 'location', location: 'fountain', points: 80, requires: ['riddle'] },
  ],
} as unknown as Hunt;
