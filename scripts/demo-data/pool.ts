/**
 * Runs `work` on the items with at most `concurrency` in flight, pulling items only as workers
 * free up, so a generator of submissions is never drained into memory. The first failure (of the
 * work or of the generator) stops new work; work in flight finishes before the failure is thrown.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure) {
      let next: IteratorResult<T>;
      try {
        next = iterator.next();
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) {
    iterator.return?.();
    throw failure.error;
  }
}
