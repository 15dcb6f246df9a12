// A normal e2e run keeps its screenshots in test-results/ and leaves docs/studio/ alone;
// UPDATE_DOCS_SCREENSHOTS=1 (npm run screenshots:docs) also writes the guide's copies.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { docShotPaths } from './docShots';
import { REPO_ROOT } from './studioSession';

describe('docs screenshots', () => {
  it('go to test-results/ only, unless UPDATE_DOCS_SCREENSHOTS=1', () => {
    expect(docShotPaths('simulate-1024x700', {})).toEqual({ artifact: join(REPO_ROOT, 'test-results', 'studio', 'simulate-1024x700.png'), docs: null });
    expect(docShotPaths('simulate-1024x700', { UPDATE_DOCS_SCREENSHOTS: '0' }).docs).toBeNull();
    expect(docShotPaths('simulate-1024x700', { UPDATE_DOCS_SCREENSHOTS: '1' }).docs).toBe(join(REPO_ROOT, 'docs', 'studio', 'simulate-1024x700.png'));
  });
});
