// The boundary every transport goes through: method name and argument arrive as
// untrusted JSON, are checked against api/schemas.ts, the handler runs, and any
// failure becomes an ApiErrorBody. Errors that are not ApiErrors are bugs: they are
// reported as `internal` with their message, never with a stack (it would leak paths
// to the page and help nobody there); the host logs the stack.
import type { ApiErrorBody, Method } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { checkArg, isMethod } from '../../api/schemas';
import type { HandlerImpls } from './handlers';

export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };
export type Dispatch = (method: string, arg: unknown) => Promise<DispatchOutcome>;

export function createDispatcher(handlers: HandlerImpls, opts: { onInternalError?: (method: string, err: unknown) => void } = {}): Dispatch {
  return async (method, rawArg) => {
    if (!isMethod(method) || !handlers[method]) {
      return { ok: false, error: { code: 'unknown-method', message: `There is no API method "${method}" in this build.` } };
    }
    const checked = checkArg(method, rawArg);
    if (!checked.ok) {
      const list = checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'bad-argument', message: `${method}: bad argument: ${list}`, details: checked.issues } };
    }
    try {
      const handler = handlers[method] as (arg: unknown) => unknown;
      return { ok: true, result: await handler(checked.arg) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toBody() };
      opts.onInternalError?.(method, err);
      return { ok: false, error: { code: 'internal', message: `${method} failed: ${err instanceof Error ? err.message : String(err)}` } };
    }
  };
}

/** HTTP status for an error code (the web host answers with it). */
export function httpStatusFor(code: ApiErrorBody['code']): number {
  switch (code) {
    case 'bad-argument':
      return 400;
    case 'unauthorized':
      return 401;
    case 'not-found':
    case 'unknown-method':
      return 404;
    case 'conflict':
      return 409;
    case 'invalid-hunt':
      return 422;
    case 'io':
    case 'internal':
      return 500;
  }
}

export type { Method };
