import { recentMonths } from './calendar';
import { buildCoCompletionModel } from './recommender/co-completion';
import type { CoCompletionModel } from './recommender/types';
import { inParallel } from './store/dynamo';
import { interactionsIn } from './store/learning-store';
import { loadModel, saveModel } from './store/model-store';

/** Co-completion is learned from the last year of activity; recomputed daily by the model job. */
const MODEL_MONTHS = 12;
const MODEL_TTL_MS = 10 * 60_000;
let cached: { at: number; model: CoCompletionModel } | undefined;

/** Reads everyone's activity of the last year, learns the model and makes it current. */
export async function rebuildModel(now = new Date()): Promise<{ courses: number; branches: number; interactions: number }> {
  const interactions = (await inParallel(recentMonths(now, MODEL_MONTHS), 4, interactionsIn)).flat();
  const model = buildCoCompletionModel(interactions, now);
  await saveModel(model, now);
  cached = { at: now.getTime(), model };
  return { courses: model.neighbours.size, branches: model.branchTrends.size, interactions: interactions.length };
}

/** The current model, cached per Lambda copy; built on first use when the job has not run yet. */
export async function currentModel(now = new Date()): Promise<CoCompletionModel> {
  if (cached && now.getTime() - cached.at <= MODEL_TTL_MS) return cached.model;
  const stored = await loadModel();
  if (!stored) {
    await rebuildModel(now);
    return cached!.model;
  }
  cached = { at: now.getTime(), model: stored.model };
  return stored.model;
}

export function forgetModel(): void {
  cached = undefined;
}
