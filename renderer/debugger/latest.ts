// "Latest request wins" for scrubbing: while one request is in flight, newer asks
// replace each other, and only the newest runs next. A seek never waits behind a
// queue of stale seeks, and a stale answer is never shown over a newer one.
export type Latest<A> = { request(arg: A): void; cancel(): void };

export function latest<A, R>(run: (arg: A) => Promise<R>, deliver: (result: R, arg: A) => void, onError: (err: unknown) => void): Latest<A> {
  let inFlight = false;
  let queued: { arg: A } | null = null;
  let generation = 0;
  const next = async () => {
    if (inFlight || !queued) return;
    const { arg } = queued;
    queued = null;
    inFlight = true;
    const gen = generation;
    try {
      const result = await run(arg);
      // Deliver unless cancelled or already superseded by a newer ask.
      if (gen === generation && !queued) deliver(result, arg);
    } catch (err) {
      if (gen === generation) onError(err);
    } finally {
      inFlight = false;
      void next();
    }
  };
  return {
    request(arg) {
      queued = { arg };
      void next();
    },
    cancel() {
      generation++;
      queued = null;
    },
  };
}
