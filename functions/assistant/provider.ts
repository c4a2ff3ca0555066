import type { Passage } from '../../shared/api/assistant';
import { config } from '../../shared/runtime/config';
import { logger } from '../../shared/runtime/logger';

/**
 * The optional model where the group allows one. It only rephrases: it gets the question, the member's facts
 * and the retrieved passages — never the member's id or name — and its wording is used only when it adds no
 * number that the facts and passages do not already hold; the passages and their sources are always shown as
 * retrieved. Nothing it is sent or answers is stored or logged. Off by default (ASSISTANT_MODEL=off).
 */
export interface RephraseRequest {
  question: string;
  facts: string[];
  passages: Passage[];
}

export interface Rephraser {
  rephrase(request: RephraseRequest): Promise<string>;
}

/** Amazon Bedrock's InvokeModel as far as the rephraser needs it (BedrockRuntimeClient's command fits it). */
export type InvokeModel = (input: { modelId: string; contentType: 'application/json'; body: string }) => Promise<{ body: string }>;

export function rephrasePrompt(request: RephraseRequest): string {
  const passages = request.passages.map((passage, i) => `[${i + 1}] ${passage.title}（出处：${passage.source}）\n${passage.text}`).join('\n\n');
  const facts = request.facts.length > 0 ? `\n\n已查到的个人信息：\n${request.facts.join('\n')}` : '';
  return (
    '你是党建平台的助手。只用下面给出的条文和信息回答问题，不得补充条文以外的规定或数字；' +
    '用简洁的中文改写，保留条文编号引用（如 [1]）。\n\n' +
    `条文：\n${passages}${facts}\n\n问题：${request.question}`
  );
}

/** A Bedrock model in the Anthropic messages format. */
export class BedrockRephraser implements Rephraser {
  constructor(
    private readonly invoke: InvokeModel,
    private readonly modelId: string,
  ) {}

  async rephrase(request: RephraseRequest): Promise<string> {
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 600,
      messages: [{ role: 'user', content: [{ type: 'text', text: rephrasePrompt(request) }] }],
    });
    const reply = JSON.parse((await this.invoke({ modelId: this.modelId, contentType: 'application/json', body })).body) as { content?: Array<{ text?: string }> };
    return reply.content?.map((part) => part.text ?? '').join('') ?? '';
  }
}

/**
 * The rephraser the configuration asks for: none when ASSISTANT_MODEL is off (the default). With `bedrock` it
 * needs the model id and a client; without either it stays offline and says so once.
 */
export function rephraserFromConfig(invoke?: InvokeModel): Rephraser | undefined {
  const { ASSISTANT_MODEL, ASSISTANT_BEDROCK_MODEL_ID } = config();
  if (ASSISTANT_MODEL === 'off') return undefined;
  if (!invoke || !ASSISTANT_BEDROCK_MODEL_ID) {
    logger.warn('assistant model configured but not available: answering offline', { model: ASSISTANT_MODEL, modelIdSet: Boolean(ASSISTANT_BEDROCK_MODEL_ID) });
    return undefined;
  }
  return new BedrockRephraser(invoke, ASSISTANT_BEDROCK_MODEL_ID);
}

const numbersIn = (text: string) => new Set(text.match(/\d+(?:\.\d+)?/g) ?? []);

/** The model's wording, if it brings no number of its own (a rule must never be invented), else undefined. */
export function groundedWording(wording: string, request: RephraseRequest): string | undefined {
  const trimmed = wording.trim();
  if (trimmed === '') return undefined;
  const known = numbersIn([...request.facts, ...request.passages.map((passage) => `${passage.title} ${passage.text} ${passage.source}`)].join(' '));
  // Citation marks [1]…[n] are the rephraser's own numbers.
  const citations = new Set(request.passages.map((_, i) => String(i + 1)));
  return [...numbersIn(trimmed)].every((number) => known.has(number) || citations.has(number)) ? trimmed : undefined;
}
