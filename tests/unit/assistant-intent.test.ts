import { personalTopic } from '../../functions/assistant/intent';
import { groundedWording, rephrasePrompt } from '../../functions/assistant/provider';

describe('which questions the member’s own data answers', () => {
  it.each([
    ['我这个月党费多少', 'dues'],
    ['我的会费该交多少', 'dues'],
    ['我這個月黨費多少', 'dues'],
    ['我还差多少学时', 'study'],
    ['我今年学习时长够了吗', 'study'],
    ['下次主题党日什么时候', 'activity'],
    ['最近有什么活动安排', 'activity'],
  ])('%s → %s', (question, topic) => expect(personalTopic(question)).toBe(topic));

  it.each(['党费是按什么比例交的', '主题党日多久搞一次', '一年要学够多少学时', '王护林这个月党费多少', '怎么转组织关系'])(
    '%s is a question about the rules',
    (question) => expect(personalTopic(question)).toBeUndefined(),
  );
});

describe('the optional model’s wording', () => {
  const request = {
    question: '我这个月党费多少',
    facts: ['您 2026-12 应交党费 42.00 元（按工资收入 4200.00 元 × 1%计算），尚未交纳。'],
    passages: [{ id: 'dues-rate-employed', title: '在职党员按月缴纳党费的比例', text: '3000元以上至5000元（含5000元）的，交纳1%。', source: '规定' }],
  };

  it('is used when every number in it comes from the facts or the passages (or is a citation mark)', () => {
    expect(groundedWording('您本月应交 42.00 元，工资 4200.00 元在 3000 至 5000 元之间，按 1% 交纳 [1]。', request)).toContain('42.00');
  });

  it('is not used when it brings a number of its own, or says nothing', () => {
    expect(groundedWording('您本月应交 45.00 元。', request)).toBeUndefined();
    expect(groundedWording('   ', request)).toBeUndefined();
  });

  it('asks the model with the question, the facts and the cited passages, and nothing about who asks', () => {
    const prompt = rephrasePrompt(request);
    expect(prompt).toContain('[1] 在职党员按月缴纳党费的比例（出处：规定）');
    expect(prompt).toContain('42.00 元');
    expect(prompt).toContain('问题：我这个月党费多少');
  });
});
