/** Offline evaluation measures (bench:recommend): how many of the held-out courses a top-k list finds. */
export function precisionAt(k: number, recommended: readonly string[], relevant: ReadonlySet<string>): number {
  return recommended.slice(0, k).filter((id) => relevant.has(id)).length / k;
}

export function recallAt(k: number, recommended: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) return 0;
  return recommended.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

/** Share of the catalogue that appears in anyone's list: a recommender that only pushes hits covers little. */
export function coverage(lists: ReadonlyArray<readonly string[]>, catalogueSize: number): number {
  return new Set(lists.flat()).size / catalogueSize;
}

export const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
