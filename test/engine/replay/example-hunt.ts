// The spec's worked example (hunt-v1.md §1, §2 and §4), shared by the engine tests.
import type { Hunt } from '../../../engine/hunt/schema';

export const EXAMPLE_HUNT: Hunt = {
  format: 'hunt/1',
  id: 'old-town',
  title: 'Old Town Hunt',
  description: 'optional',
  timeLimitSec: 5400,
  wrongAnswerPenalty: 10,
  locations: [{ id: 'fountain', name: 'Fountain', lat: 48.2082, lon: 16.3738, radiusM: 25 }],
  steps: [
    { id: 'start', title: 'Find the fountain', kind: 'location', location: 'fountain', points: 100 },
    {
      id: 'riddle',
      title: 'Riddle',
      kind: 'answer',
      prompt: 'What has keys but no locks?',
      answers: ['a piano', 'piano'],
      maxAttempts: 3,
      requires: ['start'],
      hints: [{ text: 'It makes music', penalty: 20 }],
      timeLimitSec: 600,
    },
    { id: 'qr', title: 'Scan the plaque', kind: 'code', code: 'PLQ-7', requires: ['start'] },
  ],
};

export const EXAMPLE_LOG = [
  '{"t":0,"p":"team-1","type":"join","name":"The Owls"}',
  '{"t":42.5,"p":"team-1","type":"position","lat":48.20821,"lon":16.37379}',
  '{"t":60,"p":"team-1","type":"hint","step":"riddle"}',
  '{"t":75,"p":"team-1","type":"answer","step":"riddle","text":"Piano!"}',
  '{"t":80,"p":"team-1","type":"scan","step":"qr","code":"PLQ-7"}',
  '{"t":99,"p":"team-1","type":"quit"}',
];

export const EXAMPLE_RESULT = {
  hunt: 'old-town',
  events: 6,
  applied: 5,
  rejected: [{ line: 6, reason: 'participant-not-active' }],
  endTime: 99,
  participants: [
    { id: 'team-1', status: 'finished', score: 280, solved: ['start', 'riddle', 'qr'], failed: [], hintsUsed: 1, finishedAt: 80 },
  ],
};
