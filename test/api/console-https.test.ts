// Going live over HTTPS from the studio's API: the join addresses are https, the serving
// tells the certificate's fingerprint, and carrying on offers HTTPS again.
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_HUNT } from '../host/live/fixtures';
import { inProcess, overWebHost, type ApiFactory, type ApiUnderTest } from './hosts';

const open: ApiUnderTest[] = [];
afterEach(async () => {
  for (const u of open.splice(0)) await u.close();
});

function suite(factory: ApiFactory) {
  it('serves phones over HTTPS when asked, and remembers it for carrying on', async () => {
    const u = await factory();
    open.push(u);
    const served = await u.api.call('console.goLive', { hunt: LIVE_HUNT, bind: '127.0.0.1', port: 0, https: true });
    expect(served.join[0].url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/#code=/);
    expect(served.tlsFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(served.metricsUrl).toMatch(/^https:/);
    await u.api.call('console.stopServing', {});
    const [again] = await u.api.call('console.openRuns', {});
    expect(again).toMatchObject({ runId: served.runId, lastHttps: true });
    await expect(u.api.call('console.goLive', { hunt: LIVE_HUNT, bind: '127.0.0.1', port: 0, https: 'yes' as unknown as boolean })).rejects.toMatchObject({ code: 'bad-argument' });
  });
}

describe('console over HTTPS, in-process', () => suite(inProcess));
describe('console over HTTPS, over the web host', () => suite(overWebHost));
