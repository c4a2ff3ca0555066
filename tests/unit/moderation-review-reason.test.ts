import { defaultLexicon } from '../../shared/moderation/default-lexicon';
import { ModerationMatcher } from '../../shared/moderation/matcher';
import { heldWords, reviewReason } from '../../shared/moderation/review-reason';

const matcher = new ModerationMatcher(defaultLexicon());
const held = (title: string, content: string) => [
  { text: title, hits: matcher.check(title).hits },
  { text: content, hits: matcher.check(content).hits },
];

describe('the reason a reviewer reads beside a held suggestion', () => {
  it('names the word the filter found, neutrally, with no category label', () => {
    const reason = reviewReason(held('反映情况', '群里有人说中共腐败，希望澄清。'));
    expect(reason).toBe('含需复核词：中共腐败');
    expect(reason).not.toMatch(/涉政|违法|犯罪|涉毒|色情/);
  });

  it('names a word as the member wrote it, even when it was hidden by separators', () => {
    expect(reviewReason(held('出售 仿 真 枪', '加微信'))).toBe('含需复核词：出售 仿 真 枪');
  });

  it('names each word once, title first, and at most five', () => {
    expect(heldWords([
      { text: '甲乙', hits: [{ start: 0, end: 2 }] },
      { text: '丙丁甲乙', hits: [{ start: 2, end: 4 }, { start: 0, end: 2 }] },
    ])).toEqual(['甲乙', '丙丁']);
    const many = { text: '一二三四五六七', hits: [0, 1, 2, 3, 4, 5, 6].map((start) => ({ start, end: start + 1 })) };
    expect(reviewReason([many])).toBe('含需复核词：一、二、三、四、五 等');
  });

  it('says only that a person should look when no word held it (the second opinion did)', () => {
    expect(reviewReason(held('微商团队', '欢迎加入'))).toBe('需人工复核');
  });
});
