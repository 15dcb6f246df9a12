// The error that crosses the API boundary, on both sides of it. Handlers throw it
// with a code the studio can branch on; transports carry its body (ApiErrorBody)
// as JSON and the client side throws it again, so the renderer sees the same error
// whether it talks to Electron IPC, the web host or the handlers in-process.
import type { ApiErrorBody } from './contract';

export type ApiErrorCode = ApiErrorBody['code'];

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.details);
  }
}

const CODES: readonly ApiErrorCode[] = ['bad-argument', 'not-found', 'invalid-hunt', 'io', 'conflict', 'unauthorized', 'unknown-method', 'internal'];

/** True for a value shaped like ApiErrorBody (what a transport received). */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && CODES.includes(v.code as ApiErrorCode);
}
