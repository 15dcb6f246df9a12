// Runs pipeline stages joined by BoundedQueues as one unit: a stage that fails fails
// every queue with its error (a queue keeps its first), so every other stage's next
// push or take rejects with that same first error and stops; nothing is swallowed and
// no stage is left waiting on a queue that will never move.
export type Stage = () => Promise<unknown>;

/** What runStages needs of a queue (a BoundedQueue of any item type). */
export type Failable = { fail(error: unknown): unknown; readonly failed: boolean; readonly error: unknown };

/** Resolves once every stage has ended; rejects with the first error of any of them. */
export async function runStages(queues: readonly Failable[], stages: readonly Stage[]): Promise<void> {
  const failAll = (err: unknown): void => {
    // The items dropped here need no settling: what they carry is watched by their queue (failOn).
    for (const q of queues) q.fail(err);
  };
  await Promise.all(
    stages.map((stage) =>
      stage().then(
        () => undefined,
        (err: unknown) => failAll(err),
      ),
    ),
  );
  const failed = queues.find((q) => q.failed);
  if (failed) throw failed.error;
}
