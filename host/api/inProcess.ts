// StudioApi served directly from the handler map, in the same process: what the
// contract tests use as the reference, and what any Node-side caller can use. It goes
// through the same dispatcher (argument checks, error mapping) as IPC and HTTP, and
// results make a JSON round trip, so it cannot accept or return what a transport could not carry.
import type { StudioApi, Topics } from '../../api/contract';
import { ApiError } from '../../api/errors';
import type { EventBus } from './bus';
import type { Dispatch } from './dispatch';

export function createInProcessApi(dispatch: Dispatch, bus: EventBus): StudioApi {
  return {
    async call(method, arg) {
      const outcome = await dispatch(method, JSON.parse(JSON.stringify(arg ?? {})));
      if (!outcome.ok) throw ApiError.fromBody(outcome.error);
      return (outcome.result === undefined ? undefined : JSON.parse(JSON.stringify(outcome.result))) as never;
    },
    subscribe<T extends keyof Topics>(topic: T, listener: (message: Topics[T]) => void) {
      return bus.listen((m) => {
        if (m.topic === topic) listener(JSON.parse(JSON.stringify(m.message)) as Topics[T]);
      });
    },
  };
}
