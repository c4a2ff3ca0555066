import type { CoCompletionModel } from './types';

/** One member's activity on one course, as the model job reads it from everyone's learning records. */
export interface Interaction {
  userId: string;
  branchId: string;
  courseId: string;
  progress: number;
  completed: boolean;
  updatedAt: string;
}

export interface ModelOptions {
  neighboursPerCourse: number;
  /** Activity newer than this counts towards 「本支部党员近期在学」. */
  trendDays: number;
  /** Courses studied together by only a few members are trusted less (significance weighting). */
  shrinkage: number;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = { neighboursPerCourse: 20, trendDays: 30, shrinkage: 3 };

/** Completed, or well under way: a course the member chose and stuck with. */
const isPositive = (interaction: Interaction) => interaction.completed || interaction.progress >= 50;

/**
 * Item-to-item co-completion: cosine similarity of the courses' member sets, damped for small overlaps,
 * keeping each course's strongest neighbours; and per branch, how many members were active on each course lately.
 */
export function buildCoCompletionModel(interactions: readonly Interaction[], now: Date, options: ModelOptions = DEFAULT_MODEL_OPTIONS): CoCompletionModel {
  const courseIndex = new Map<string, number>();
  const positivesByUser = new Map<string, number[]>();
  for (const interaction of interactions) {
    if (!isPositive(interaction)) continue;
    let index = courseIndex.get(interaction.courseId);
    if (index === undefined) {
      index = courseIndex.size;
      courseIndex.set(interaction.courseId, index);
    }
    const list = positivesByUser.get(interaction.userId) ?? [];
    if (!list.includes(index)) list.push(index);
    positivesByUser.set(interaction.userId, list);
  }
  const size = courseIndex.size;
  const counts = new Float64Array(size);
  const together = new Map<number, number>();
  for (const list of positivesByUser.values()) {
    for (const a of list) counts[a]! += 1;
    for (let x = 0; x < list.length; x += 1) {
      for (let y = x + 1; y < list.length; y += 1) {
        const [a, b] = list[x]! < list[y]! ? [list[x]!, list[y]!] : [list[y]!, list[x]!];
        const pair = a * size + b;
        together.set(pair, (together.get(pair) ?? 0) + 1);
      }
    }
  }
  const courseIds = [...courseIndex.keys()];
  const candidates = new Map<string, Array<{ courseId: string; similarity: number }>>();
  for (const [pair, both] of together) {
    const a = Math.floor(pair / size);
    const b = pair % size;
    const similarity = (both / Math.sqrt(counts[a]! * counts[b]!)) * (both / (both + options.shrinkage));
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const list = candidates.get(courseIds[from]!) ?? [];
      list.push({ courseId: courseIds[to]!, similarity });
      candidates.set(courseIds[from]!, list);
    }
  }
  const neighbours = new Map<string, Array<{ courseId: string; similarity: number }>>();
  for (const [courseId, list] of candidates) {
    neighbours.set(courseId, list.sort((x, y) => y.similarity - x.similarity || x.courseId.localeCompare(y.courseId)).slice(0, options.neighboursPerCourse));
  }
  return { neighbours, branchTrends: branchTrends(interactions, now, options.trendDays) };
}

function branchTrends(interactions: readonly Interaction[], now: Date, trendDays: number): Map<string, Map<string, number>> {
  const since = new Date(now.getTime() - trendDays * 86_400_000).toISOString();
  const members = new Map<string, Set<string>>();
  for (const interaction of interactions) {
    if (interaction.updatedAt < since) continue;
    const key = `${interaction.branchId}\u0000${interaction.courseId}`;
    const set = members.get(key) ?? new Set<string>();
    set.add(interaction.userId);
    members.set(key, set);
  }
  const trends = new Map<string, Map<string, number>>();
  for (const [key, set] of members) {
    const [branchId, courseId] = key.split('\u0000') as [string, string];
    const branch = trends.get(branchId) ?? new Map<string, number>();
    branch.set(courseId, set.size);
    trends.set(branchId, branch);
  }
  return trends;
}
