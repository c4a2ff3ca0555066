/** Runs `work` over `items`, at most `limit` at a time: a few requests in flight, never one, never hundreds. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** As `eachLimited`, keeping each item's result in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  await eachLimited([...items.keys()], limit, async (index) => {
    results[index] = await work(items[index]!);
  });
  return results;
}
