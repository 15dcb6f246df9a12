// The API contract suite against every transport that serves it.
import { describe } from 'vitest';
import { contractSuite } from './contractSuite';
import { inProcess, overWebHost } from './hosts';
import { runsSuite } from './runsSuite';

describe('API contract, handlers in-process', () => {
  contractSuite(inProcess);
  runsSuite(inProcess);
});
describe('API contract, over the web host (HTTP + WebSocket)', () => {
  contractSuite(overWebHost);
  runsSuite(overWebHost);
});
