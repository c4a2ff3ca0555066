import { join } from 'node:path';
import { readFieldRuleLists } from '../../scripts/moderation/field-rule-lists';
import { withFieldRules } from '../../shared/moderation/default-lexicon';
import shippedRules from '../../shared/moderation/lexicon/field-rules.json';
import { effectiveLexicon, lexiconOf } from '../../shared/moderation/effective-lexicon';
import type { LexiconOverride } from '../../shared/moderation/lexicon-store';
import { ModerationMatcher } from '../../shared/moderation/matcher';
import type { Lexicon } from '../../shared/moderation/types';

/** A small generic lexicon as the third-party list files things, and field rules over it. */
const generic: Lexicon = {
  entries: [
    { word: '信号弹', level: 'review', categories: ['illegal'] },
    { word: '砍刀', level: 'review', categories: ['illegal'] },
    { word: '气枪', level: 'review', categories: ['illegal'] },
    { word: '肉牛', level: 'review', categories: ['porn'] },
    { word: '冰糖', level: 'review', categories: ['drugs'] },
    { word: '迷药', level: 'block', categories: ['drugs'] },
    { word: '冰毒', level: 'block', categories: ['drugs'] },
    { word: '中共腐败', level: 'review', categories: ['politics'] },
    { word: '傻逼', level: 'block', categories: ['abuse'] },
    { word: '代开发票', level: 'block', categories: ['fraud'] },
  ],
  allow: [],
};
const lexicon = withFieldRules(generic, {
  field: ['信号弹', '肉牛', '冰糖'],
  context: ['出售', '价格', '加微信', 'qq', '货到付款'],
  phrases: [
    { word: '冰毒', categories: ['drugs'] },
    { word: '卖淫', categories: ['illegal'] },
  ],
});
const matcher = new ModerationMatcher(lexicon);
const verdict = (text: string) => matcher.check(text).verdict;

describe('a weapon, illegal, drug or porn word is evidence, not a verdict', () => {
  it('passes such a word standing alone in ordinary text, and reports no hit for it', () => {
    expect(matcher.check('清理林道的砍刀都卷刃了，请换一批。')).toEqual({ verdict: 'pass', hits: [], categories: [] });
    expect(verdict('迷药的危害要讲给孩子们听')).toBe('pass');
  });

  it('holds it in a trading or solicitation context, at the level of the word', () => {
    expect(matcher.check('出售砍刀')).toMatchObject({ verdict: 'review', categories: ['illegal'] });
    expect(matcher.check('迷药，货到付款')).toMatchObject({ verdict: 'block', categories: ['drugs'] });
    expect(verdict('气枪有货，加QQ 123456')).toBe('review');
    expect(verdict('迷药 加 微 信')).toBe('block');
  });

  it('holds it when it is hidden by separators, traditional or full-width characters or repeats', () => {
    expect(matcher.check('迷*药')).toMatchObject({ verdict: 'block', hits: [{ start: 0, end: 3 }] });
    expect(verdict('迷 药')).toBe('block');
    expect(verdict('迷\u200b药')).toBe('block');
    expect(verdict('砍刀')).toBe('pass');
    expect(verdict('砍刀刀')).toBe('review');
    expect(verdict('氣槍')).toBe('review');
  });

  it('holds a known harmful phrase alone, and adds the phrases the lexicon lacks', () => {
    expect(matcher.check('哪里有冰毒')).toMatchObject({ verdict: 'block', categories: ['drugs'] });
    expect(matcher.check('卖淫')).toMatchObject({ verdict: 'block', categories: ['illegal'] });
  });

  it('never holds the field vocabulary, not even beside trading words', () => {
    for (const text of ['防火期每人带两发信号弹', '肉牛的价格跌了', '食堂冰糖的采购价格要公开', '出售肉牛，加微信']) expect(verdict(text)).toBe('pass');
  });

  it('still decides politics, abuse and fraud words alone', () => {
    expect(matcher.check('有人说中共腐败')).toMatchObject({ verdict: 'review', categories: ['politics'] });
    expect(verdict('你这个傻逼')).toBe('block');
    expect(verdict('代开发票')).toBe('block');
  });

  it('lets an admin’s word hold by itself, and keeps the field rules in the lexicon in force', () => {
    const override: LexiconOverride = { kind: 'word', form: '砍刀', text: '砍刀', state: 'active', level: 'block', categories: ['illegal'], version: 2, updatedAt: '2026-05-01T00:00:00Z' };
    const inForce = new ModerationMatcher(lexiconOf(effectiveLexicon(lexicon, [override], 2)), { normalised: true });
    expect(inForce.check('清理林道的砍刀都卷刃了').verdict).toBe('block');
    expect(inForce.check('砍刀').verdict).toBe('block');
    expect(inForce.check('出售迷药').verdict).toBe('block');
    expect(inForce.check('迷药的危害').verdict).toBe('pass');
    expect(inForce.check('出售肉牛').verdict).toBe('pass');
  });
});

describe('the shipped field rules', () => {
  it('are what build-field-rules.ts makes of the curation lists (regenerate after editing them)', () => {
    const { field, context, phrases } = shippedRules;
    expect({ field, context, phrases }).toEqual(readFieldRuleLists(join(__dirname, '..', '..', 'scripts', 'moderation', 'curation')));
  });

  it('keep the issue’s examples in the field vocabulary, and trading words in the context', () => {
    expect(shippedRules.field).toEqual(expect.arrayContaining(['信号弹', '砍刀', '油锯', '买断工龄', '卖房', '肉牛', '肉羊', '说干就干', '粉饰太平', '冰糖']));
    expect(shippedRules.context).toEqual(expect.arrayContaining(['出售', '批发', '价格', '加微', 'qq', '货到付款']));
  });
});
