import { buildCoCompletionModel, type Interaction } from '../../functions/course-push/recommender/co-completion';
import { coverage, precisionAt, recallAt } from '../../functions/course-push/recommender/evaluation';
import { prepareCatalogue, Ranker } from '../../functions/course-push/recommender/rank';
import { topicWords } from '../../functions/course-push/recommender/text';
import type { CourseFeatures, LearningFact, MemberProfile } from '../../functions/course-push/recommender/types';
import { DEFAULT_SETTINGS } from '../../functions/course-push/settings';

const NOW = new Date('2026-06-01T02:00:00Z');
const OLD = '2025-06-01T00:00:00Z';

function course(courseId: string, fields: Partial<CourseFeatures> = {}): CourseFeatures {
  return { courseId, title: courseId, tags: ['党史'], titleTerms: [], summaryTerms: [], targetCategories: [], targetPosts: [], required: false, publishedAt: OLD, ...fields };
}

const catalogue = prepareCatalogue([
  course('fire-a', { title: '防火瞭望值守', tags: ['森林防火'], titleTerms: ['防火', '瞭望', '值守'], targetCategories: ['ranger'], targetPosts: ['防火瞭望'] }),
  course('fire-b', { title: '火情报告规范', tags: ['森林防火'], titleTerms: ['火情', '报告', '瞭望'], targetCategories: ['ranger'] }),
  course('fire-c', { title: '扑火安全避险', tags: ['森林防火'], titleTerms: ['扑火', '避险'], targetCategories: ['ranger'] }),
  course('fire-d', { title: '雷击火监测', tags: ['森林防火'], titleTerms: ['雷击火', '监测'], targetCategories: ['ranger'] }),
  course('fire-e', { title: '防火装备维护', tags: ['森林防火'], titleTerms: ['装备', '维护'], targetCategories: ['ranger'] }),
  course('law-a', { title: '森林法解读', tags: ['政策法规'], titleTerms: ['森林法'], targetCategories: ['office'], targetPosts: ['政策研究'] }),
  course('law-b', { title: '林长制', tags: ['政策法规'], titleTerms: ['林长制'], targetCategories: ['office'] }),
  course('mgmt-a', { title: '预算管理', tags: ['企业管理'], titleTerms: ['预算'], targetCategories: ['office'] }),
  course('rules-late', { title: '纪律处分条例', tags: ['党章党规'], required: true, dueDate: '2026-09-30' }),
  course('rules-soon', { title: '党章学习', tags: ['党章党规'], required: true, dueDate: '2026-06-10' }),
  course('new-carbon', { title: '碳汇入门', tags: ['碳汇'], titleTerms: ['碳汇'], publishedAt: '2026-05-28T00:00:00Z' }),
]);
const ranger: MemberProfile = { category: 'ranger', postTags: ['防火瞭望'], branchId: 'b1' };
const office: MemberProfile = { category: 'office', postTags: ['政策研究'], branchId: 'b2' };
const done = (courseId: string, extra: Partial<LearningFact> = {}): LearningFact => ({ courseId, progress: 100, completed: true, completedAt: '2026-05-01T00:00:00Z', updatedAt: '2026-05-01T00:00:00Z', ...extra });
const empty = { neighbours: new Map(), branchTrends: new Map() };
const ranker = (model = empty, settings = DEFAULT_SETTINGS.recommender) => new Ranker(catalogue, model, settings);

describe('the course ranker', () => {
  it('lists required courses not done first, soonest due first, each saying so', () => {
    const list = ranker().rank(ranger, [], NOW, 5);
    expect(list.slice(0, 2).map((item) => [item.courseId, item.kind, item.reasons[0]])).toEqual([
      ['rules-soon', 'required', '必修课，6月10日前完成'],
      ['rules-late', 'required', '必修课，9月30日前完成'],
    ]);
  });

  it('fits a member without history to their post and category (cold start), differently for a ranger and an office member', () => {
    const forRanger = ranker().rank(ranger, [], NOW, 4).filter((item) => item.kind !== 'required');
    const forOffice = ranker().rank(office, [], NOW, 4).filter((item) => item.kind !== 'required');
    expect(forRanger[0]).toMatchObject({ courseId: 'fire-a', reasons: ['适合防火瞭望岗位'] });
    expect(forOffice[0]).toMatchObject({ courseId: 'law-a', reasons: ['适合政策研究岗位'] });
  });

  it('never lists a finished course and carries on one under way', () => {
    const list = ranker().rank(ranger, [done('rules-soon'), { courseId: 'fire-c', progress: 40, completed: false, updatedAt: '2026-05-30T00:00:00Z' }], NOW, 11);
    expect(list.map((item) => item.courseId)).not.toContain('rules-soon');
    expect(list.find((item) => item.courseId === 'fire-c')).toMatchObject({ kind: 'continue', progress: 40, reasons: expect.arrayContaining(['已学40%，接着学完']) });
  });

  it('explains content similarity with the finished course it resembles, trusting well-rated courses more', () => {
    const list = ranker().rank(ranger, [done('fire-a', { rating: 5, quizScore: 95 })], NOW, 5);
    const reporting = list.find((item) => item.courseId === 'fire-b')!;
    expect(reporting.reasons).toContain('与您学过的《防火瞭望值守》相关');
  });

  it('uses co-completion among members and says who studied what', () => {
    const interactions: Interaction[] = ['u1', 'u2', 'u3', 'u4'].flatMap((userId) => [
      { userId, branchId: 'b2', courseId: 'law-a', progress: 100, completed: true, updatedAt: '2026-05-20T00:00:00Z' },
      { userId, branchId: 'b2', courseId: 'mgmt-a', progress: 100, completed: true, updatedAt: '2026-05-21T00:00:00Z' },
    ]);
    const model = buildCoCompletionModel(interactions, NOW);
    expect(model.neighbours.get('law-a')?.[0]?.courseId).toBe('mgmt-a');
    const list = ranker(model).rank(office, [done('law-a')], NOW, 6);
    expect(list.find((item) => item.courseId === 'mgmt-a')?.reasons).toContain('学过《森林法解读》的党员也在学');
    expect(model.branchTrends.get('b2')?.get('mgmt-a')).toBe(4);
    expect(ranker(model).rank(office, [], NOW, 6).find((item) => item.courseId === 'mgmt-a')?.reasons).toContain('本支部党员近期在学');
  });

  it('marks new courses as new and lets freshness count', () => {
    const settings = { ...DEFAULT_SETTINGS.recommender, weights: { ...DEFAULT_SETTINGS.recommender.weights, required: 0, postFit: 0, freshness: 1 } };
    const [first] = ranker(empty, settings).rank(ranger, [], NOW, 1);
    expect(first).toMatchObject({ courseId: 'new-carbon', reasons: ['新上线课程'] });
  });

  it('keeps one tag from filling the list, by the configured cap', () => {
    const settings = { ...DEFAULT_SETTINGS.recommender, maxPerTag: 2 };
    const list = ranker(empty, settings).rank(ranger, [], NOW, 8).filter((item) => item.kind !== 'required');
    expect(list.filter((item) => catalogue.byId.get(item.courseId)!.tags[0] === '森林防火').length).toBe(2);
  });

  it('follows the configured weights: with only the required weight, electives rank by nothing else', () => {
    const settings = { ...DEFAULT_SETTINGS.recommender, weights: { required: 1, continueLearning: 0, postFit: 0, content: 0, coCompletion: 0, branchTrend: 0, freshness: 0 } };
    const list = ranker(empty, settings).rank(office, [], NOW, 11);
    expect(list.slice(0, 2).every((item) => item.kind === 'required')).toBe(true);
    expect(list.slice(2).every((item) => item.score === 0 && item.reasons[0]!.startsWith('拓展学习：'))).toBe(true);
  });
});

describe('topic words', () => {
  it('keeps words of two or more characters that say something, once each', () => {
    expect(topicWords(['森林', '防火', '与', '病虫害', '防治', '知识', '培训', '森林', '：', 'GIS'])).toEqual(['森林', '防火', '病虫害', '防治', 'GIS']);
  });
});

describe('offline evaluation measures', () => {
  it('computes precision@k, recall@k and catalogue coverage', () => {
    const relevant = new Set(['a', 'b', 'c']);
    expect(precisionAt(5, ['a', 'x', 'b', 'y', 'z', 'c'], relevant)).toBeCloseTo(0.4);
    expect(recallAt(10, ['a', 'x', 'b', 'y', 'z', 'c'], relevant)).toBe(1);
    expect(recallAt(2, ['a', 'x'], relevant)).toBeCloseTo(1 / 3);
    expect(coverage([['a', 'b'], ['b', 'c']], 10)).toBeCloseTo(0.3);
  });
});
