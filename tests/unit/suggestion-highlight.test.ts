import { highlightSegments } from '../../miniapp/src/suggestions/services/highlight';
import { formProblems } from '../../miniapp/src/suggestions/services/form-rules';

describe('highlighting the filter’s hits for a reviewer', () => {
  it('marks each hit once, merging overlapping and touching hits', () => {
    expect(highlightSegments('有人说中共腐败很严重', [{ start: 3, end: 7 }, { start: 5, end: 7 }])).toEqual([
      { text: '有人说', hit: false },
      { text: '中共腐败', hit: true },
      { text: '很严重', hit: false },
    ]);
    expect(highlightSegments('甲乙丙丁', [{ start: 0, end: 2 }, { start: 2, end: 3 }])).toEqual([
      { text: '甲乙丙', hit: true },
      { text: '丁', hit: false },
    ]);
  });

  it('keeps text without hits whole, and clamps hits to the text', () => {
    expect(highlightSegments('没有问题', [])).toEqual([{ text: '没有问题', hit: false }]);
    expect(highlightSegments('短', [{ start: 0, end: 9 }])).toEqual([{ text: '短', hit: true }]);
  });
});

describe('the submit form', () => {
  it('says in Chinese what to fix before anything is sent', () => {
    expect(formProblems({ title: '', content: '短', category: null, anonymous: false })).toEqual(['请填写标题', '内容至少 5 个字', '请选择意见类别']);
    expect(formProblems({ title: '标题', content: '\u200b\u200b\u200b\u200b\u200b', category: 'work', anonymous: false })).toEqual(['内容至少 5 个字']);
    expect(formProblems({ title: '标题', content: '护林站网络太差', category: 'work', anonymous: true })).toEqual([]);
  });
});
