import { shippedPassages } from '../../functions/assistant/corpus/shipped';
import { normaliseQuestion } from '../../functions/assistant/retrieval/analyzer';
import { Retriever } from '../../functions/assistant/retrieval/retriever';
import { toSimplified } from '../../shared/moderation/normalize';
import { jiebaSegmenter } from '../../shared/text/jieba';

let retriever: Retriever<ReturnType<typeof shippedPassages>[number]>;
beforeAll(async () => {
  retriever = new Retriever(shippedPassages(), await jiebaSegmenter());
});
const best = (question: string) => retriever.retrieve(question);

describe('the assistant retriever over the shipped rule passages', () => {
  it('answers a dues question with the bracket passage and its named source', () => {
    const answer = best('在职党员党费按什么比例交');
    expect(answer.confident).toBe(true);
    expect(answer.ranked[0]!.passage.id).toBe('dues-rate-employed');
    expect(answer.ranked[0]!.passage.source).toContain('关于中国共产党党费收缴、使用和管理的规定');
  });

  it('reads traditional characters as their simplified form', () => {
    expect(best('黨員每年學習培訓多少學時').ranked[0]!.passage.id).toBe('study-hours');
    expect(best('怎麼轉組織關係').ranked[0]!.passage.id).toBe('transfer-steps');
  });

  it('meets the field words members use with the ones the passages use', () => {
    expect(normaliseQuestion('会费怎么交')).toContain('党费');
    expect(normaliseQuestion('转组织关系')).toBe('组织关系转接');
    expect(best('农民党员交多少会费').ranked[0]!.passage.id).toBe('dues-low-income');
    expect(best('我要转党关系怎么办理').ranked.map((hit) => hit.passage.id)).toContain('transfer-steps');
  });

  it('says it is not sure about what no passage covers, instead of the nearest rule', () => {
    for (const question of ['明天天气怎么样', '食堂几点开饭', '公积金怎么提取', '讲个笑话']) expect(best(question).confident).toBe(false);
  });

  it('keeps simplified characters that OpenCC would fold further (怎么 stays 怎么)', () => {
    expect(toSimplified('怎麼辦 什么')).toBe('怎么办 什么');
  });
});
