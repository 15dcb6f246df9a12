// The runs.* handlers: start and control long work, read what is stored.
import type { HandlerImpls } from '../handlers';
import type { RunsContext } from './context';
import { inspectHandlers } from './inspect';
import { queryHandlers } from './query';
import { startHandlers } from './start';
import { resumeHandlers } from './resume';

export function runHandlers(ctx: RunsContext): HandlerImpls {
  return { ...startHandlers(ctx), ...resumeHandlers(ctx), ...queryHandlers(ctx), ...inspectHandlers(ctx) };
}

export { createRunsContext, type RunsContext } from './context';
