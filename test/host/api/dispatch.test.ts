import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/errors';
import { createDispatcher, httpStatusFor } from '../../../host/api/dispatch';

describe('dispatcher', () => {
  it('maps a bug in a handler to an internal error with its message, never its stack', async () => {
    const logged: string[] = [];
    const dispatch = createDispatcher(
      {
        'hunts.recent': () => {
          throw new Error('disk on fire');
        },
      },
      { onInternalError: (m) => logged.push(m) },
    );
    const out = await dispatch('hunts.recent', {});
    expect(out).toEqual({ ok: false, error: { code: 'internal', message: 'hunts.recent failed: disk on fire' } });
    expect(logged).toEqual(['hunts.recent']);
  });

  it('passes ApiErrors through with their code and details', async () => {
    const dispatch = createDispatcher({
      'runs.get': ({ runId }) => {
        throw new ApiError('not-found', `no run ${runId}`, { runId });
      },
    });
    expect(await dispatch('runs.get', { runId: 'r9' })).toEqual({ ok: false, error: { code: 'not-found', message: 'no run r9', details: { runId: 'r9' } } });
  });

  it('treats a contract method without a handler in this build as unknown, and never reaches prototype keys', async () => {
    const dispatch = createDispatcher({});
    expect((await dispatch('runs.list', {})).ok).toBe(false);
    const proto = await dispatch('__proto__', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('gives each error code an HTTP status', () => {
    expect(httpStatusFor('bad-argument')).toBe(400);
    expect(httpStatusFor('unauthorized')).toBe(401);
    expect(httpStatusFor('not-found')).toBe(404);
    expect(httpStatusFor('conflict')).toBe(409);
    expect(httpStatusFor('invalid-hunt')).toBe(422);
    expect(httpStatusFor('internal')).toBe(500);
  });
});
