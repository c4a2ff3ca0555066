import type { Answer, ManagedPassage, Passage } from '../../shared/api/assistant';
import { contentBlockedError, moderateText } from '../../shared/moderation';
import { config } from '../../shared/runtime/config';
import { logger } from '../../shared/runtime/logger';
import type { Caller } from '../../shared/runtime/session';
import { currentRetriever } from './corpus';
import { personalTopic } from './intent';
import { personalAnswer } from './personal';
import { groundedWording, type Rephraser } from './provider';

/**
 * One question, one answer: the member's own figures when the question is about them (with the rule behind
 * them), otherwise the best rule passages with their sources, and 「我不确定」 with where to ask when no passage
 * covers the question well enough — never a rule of its own making. Nothing of the question is stored or
 * logged (the HTTP stack logs the route only).
 */

const asPassage = ({ id, title, text, source }: ManagedPassage): Passage => ({ id, title, text, source });

export async function answerQuestion(caller: Caller, question: string, rephraser: Rephraser | undefined, now = new Date()): Promise<Answer> {
  const moderation = await moderateText(question);
  if (moderation.verdict === 'block') throw contentBlockedError(moderation);
  const whereToAsk = config().ASSISTANT_WHERE_TO_ASK;
  const retriever = await currentRetriever();

  const topic = personalTopic(question);
  const personal = topic ? await personalAnswer(topic, caller, question, now) : undefined;
  let answer: Answer;
  if (personal) {
    const byId = new Map(retriever.passages.map((passage) => [passage.id, passage]));
    const passages = personal.passageIds.flatMap((id) => (byId.has(id) ? [asPassage(byId.get(id)!)] : []));
    answer = { kind: 'personal', answer: personal.fact.summary, personal: personal.fact, passages, whereToAsk, rephrased: false };
  } else {
    const { confident, ranked } = retriever.retrieve(question);
    answer = confident
      ? { kind: 'rules', answer: ranked[0]!.passage.text, passages: ranked.map((hit) => asPassage(hit.passage)), whereToAsk, rephrased: false }
      : { kind: 'unsure', answer: `我不确定。平台的条文里没有找到能回答这个问题的规定。${whereToAsk}`, passages: [], whereToAsk, rephrased: false };
  }
  return answer.kind === 'unsure' || !rephraser ? answer : rephrased(answer, question, rephraser);
}

/** The model's wording over the same facts and passages, or the offline answer when it fails or strays. */
async function rephrased(answer: Answer, question: string, rephraser: Rephraser): Promise<Answer> {
  const request = { question, facts: answer.personal ? [answer.personal.summary] : [], passages: answer.passages };
  try {
    const wording = groundedWording(await rephraser.rephrase(request), request);
    return wording ? { ...answer, answer: wording, rephrased: true } : answer;
  } catch (error) {
    // Only the failure's kind: never the question or the prompt.
    logger.warn('assistant model failed: answering offline', { reason: error instanceof Error ? error.name : 'unknown' });
    return answer;
  }
}
