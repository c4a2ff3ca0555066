import { assistantApi as api, passageIdSchema } from '../../shared/api/assistant';
import { AppError } from '../../shared/runtime/app-error';
import { httpApi, route } from '../../shared/runtime/http';
import { answerQuestion } from './answer';
import { addPassage, corpusInForce, retirePassage } from './corpus';
import { rephraserFromConfig } from './provider';

/** A malformed id names no passage: the same 404 as an unknown one. */
function passageIdOf(params: Record<string, string>): string {
  const parsed = passageIdSchema.safeParse(params.id);
  if (!parsed.success) throw new AppError(404, 'PASSAGE_NOT_FOUND');
  return parsed.data;
}

export const handler = httpApi([
  route(api.ask, async ({ caller, body }) => answerQuestion(caller, body.question, rephraserFromConfig())),
  route(api.listPassages, async () => corpusInForce()),
  route(api.addPassage, async ({ caller, body }) => {
    const { passage, created } = await addPassage(caller, body);
    return { status: created ? 201 : 200, body: passage };
  }),
  route(api.retirePassage, async ({ caller, params }) => retirePassage(caller, passageIdOf(params))),
]);
