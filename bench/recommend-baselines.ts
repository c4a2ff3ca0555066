/**
 * The baselines the issue names: most popular courses, and user-based collaborative filtering (cosine over
 * who completed what, k nearest members) — what the open-source peers do.
 */
export function popularity(trainingByUser: ReadonlyMap<string, ReadonlySet<string>>): (done: ReadonlySet<string>, k: number) => string[] {
  const counts = new Map<string, number>();
  for (const courses of trainingByUser.values()) for (const id of courses) counts.set(id, (counts.get(id) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  return (done, k) => ranked.filter((id) => !done.has(id)).slice(0, k);
}

export function userBasedCf(trainingByUser: ReadonlyMap<string, ReadonlySet<string>>, neighbours = 50): (userId: string, k: number) => string[] {
  const usersOf = new Map<string, string[]>();
  for (const [user, courses] of trainingByUser) for (const id of courses) usersOf.set(id, [...(usersOf.get(id) ?? []), user]);
  const fallback = popularity(trainingByUser);
  return (userId, k) => {
    const mine = trainingByUser.get(userId) ?? new Set<string>();
    const overlap = new Map<string, number>();
    for (const id of mine) for (const other of usersOf.get(id) ?? []) if (other !== userId) overlap.set(other, (overlap.get(other) ?? 0) + 1);
    const nearest = [...overlap]
      .map(([other, shared]) => [other, shared / Math.sqrt(mine.size * trainingByUser.get(other)!.size)] as const)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, neighbours);
    const scores = new Map<string, number>();
    for (const [other, similarity] of nearest) for (const id of trainingByUser.get(other)!) if (!mine.has(id)) scores.set(id, (scores.get(id) ?? 0) + similarity);
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id).slice(0, k);
    return ranked.length >= k ? ranked : [...ranked, ...fallback(new Set([...mine, ...ranked]), k - ranked.length)];
  };
}
