import type { MemberCategory } from '../../../shared/api/identity-model';
import { shanghaiDay } from '../calendar';
import { isEligible } from './eligibility';
import { addInto, buildContentIndex, cosine, dot, norm, type ContentIndex } from './vectors';
import type { CoCompletionModel, CourseFeatures, LearningFact, MemberProfile, RankedCourse, RecommenderSettings, SignalName } from './types';

/**
 * The recommender: for one member, scores every unfinished course by
 * (a) required and not done, by due date; (b) fit to post and category (cold start); (c) content
 * similarity to what the member completed and rated well; (d) item-to-item co-completion; (e) freshness;
 * plus what the member has under way and what their branch studies now — a weighted sum with weights from
 * configuration, then re-ranked for diversity so one tag does not fill the list. Every item says why.
 */
export interface Catalogue {
  courses: CourseFeatures[];
  byId: Map<string, CourseFeatures>;
  content: ContentIndex;
}

export function prepareCatalogue(courses: readonly CourseFeatures[]): Catalogue {
  return { courses: [...courses], byId: new Map(courses.map((course) => [course.courseId, course])), content: buildContentIndex(courses) };
}

const FIT_LABELS: Record<MemberCategory, string> = {
  ranger: '护林员岗位',
  production: '生产一线岗位',
  office: '机关岗位',
  retiree: '离退休党员',
  probationary: '预备党员',
  mobile: '流动党员',
};

const DAY_MS = 86_400_000;
const MIN_REASON_CONTRIBUTION = 0.08;

/** A title short enough for a reason line, without its own book-title marks. */
function shortTitle(title: string): string {
  const chars = [...title.replace(/[《》]/g, '')];
  return chars.length > 10 ? `${chars.slice(0, 9).join('')}…` : chars.join('');
}
const bigrams = (text: string) => new Set([...text].slice(0, -1).map((char, index) => char + [...text][index + 1]));

/** How alike two post names are (「病虫害监测」 vs 「病虫害防治」), by shared character pairs. */
function postSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const pair of x) if (y.has(pair)) shared += 1;
  return shared / Math.min(x.size, y.size);
}

function postFit(member: MemberProfile, course: CourseFeatures): { value: number; reason?: string } {
  const categoryMatch = course.targetCategories.length === 0 ? 0.3 : course.targetCategories.includes(member.category) ? 1 : 0;
  let postMatch = 0;
  let matchedPost: string | undefined;
  for (const post of member.postTags) {
    for (const target of [...course.targetPosts, ...course.tags]) {
      const similarity = postSimilarity(post, target);
      const value = similarity >= 1 ? 1 : similarity >= 0.5 ? 0.6 : 0;
      if (value > postMatch) [postMatch, matchedPost] = [value, post];
    }
  }
  const value = 0.5 * categoryMatch + 0.5 * postMatch;
  if (matchedPost) return { value, reason: `适合${matchedPost}岗位` };
  return { value, reason: categoryMatch === 1 ? `适合${FIT_LABELS[member.category]}` : undefined };
}

/** How much a finished course says about the member's interests: rated or scored well counts more, old less. */
function interestWeight(fact: LearningFact, now: Date): number {
  if (!fact.completed) return fact.progress >= 30 ? 0.4 : 0;
  let weight = 1;
  if (fact.rating !== undefined) weight *= 0.5 + (fact.rating - 1) * 0.25;
  if (fact.quizScore !== undefined) weight *= fact.quizScore >= 80 ? 1.2 : fact.quizScore < 60 ? 0.7 : 1;
  const ageDays = (now.getTime() - Date.parse(fact.completedAt ?? fact.updatedAt)) / DAY_MS;
  return ageDays > 365 ? weight * 0.6 : weight;
}

interface Candidate {
  course: CourseFeatures;
  score: number;
  kind: RankedCourse['kind'];
  contributions: Array<{ signal: SignalName; value: number; reason?: string }>;
  progress?: number;
}

/** Scores and lists courses for members; holds buffers so a batch over many members allocates little. */
export class Ranker {
  private readonly profile: Float64Array;
  private readonly publishedAt: number[];
  /** Post and category fit depends only on (category, posts): members sharing them share one computation. */
  private readonly fitCache = new Map<string, Array<{ value: number; reason?: string }>>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly model: CoCompletionModel,
    private readonly settings: RecommenderSettings,
  ) {
    this.profile = new Float64Array(catalogue.content.vocabularySize);
    this.publishedAt = catalogue.courses.map((course) => Date.parse(course.publishedAt));
  }

  private fitsFor(member: MemberProfile): Array<{ value: number; reason?: string }> {
    const key = `${member.category}|${member.postTags.join('|')}`;
    let fits = this.fitCache.get(key);
    if (!fits) {
      fits = this.catalogue.courses.map((course) => postFit(member, course));
      this.fitCache.set(key, fits);
    }
    return fits;
  }

  rank(member: MemberProfile, history: readonly LearningFact[], now: Date, limit: number): RankedCourse[] {
    const chosen = this.diversify(this.score(member, history, now), limit);
    // Required courses not done lead the list, soonest due first; the rest keep their diversified order.
    const required = chosen.filter((candidate) => candidate.kind === 'required').sort((a, b) => a.course.dueDate!.localeCompare(b.course.dueDate!));
    return [...required, ...chosen.filter((candidate) => candidate.kind !== 'required')].map((candidate) => this.explain(candidate, history, now));
  }

  private score(member: MemberProfile, history: readonly LearningFact[], now: Date): Candidate[] {
    const { weights, freshnessHalfLifeDays } = this.settings;
    const factOf = new Map(history.map((fact) => [fact.courseId, fact]));
    this.profile.fill(0);
    const coScores = new Map<string, number>();
    for (const fact of history) {
      const weight = interestWeight(fact, now);
      if (weight === 0) continue;
      const vector = this.catalogue.content.vectors.get(fact.courseId);
      if (vector) addInto(this.profile, vector, weight);
      for (const neighbour of this.model.neighbours.get(fact.courseId) ?? []) {
        coScores.set(neighbour.courseId, (coScores.get(neighbour.courseId) ?? 0) + weight * neighbour.similarity);
      }
    }
    const profileNorm = norm(this.profile);
    const fits = this.fitsFor(member);
    const today = Date.parse(`${shanghaiDay(now)}T00:00:00Z`);
    const trends = this.model.branchTrends.get(member.branchId);
    const candidates: Candidate[] = [];
    this.catalogue.courses.forEach((course, index) => {
      const fact = factOf.get(course.courseId);
      if (fact?.completed) return;
      const contributions: Candidate['contributions'] = [];
      const add = (signal: SignalName, value: number, reason?: string) => {
        if (value > 0) contributions.push({ signal, value: weights[signal] * value, reason });
      };
      const required = course.required && course.dueDate !== undefined && isEligible(member, course);
      if (required) {
        const days = Math.round((Date.parse(`${course.dueDate!}T00:00:00Z`) - today) / DAY_MS);
        const [, month, day] = course.dueDate!.split('-').map(Number);
        add('required', days < 0 ? 1 : 0.5 + 0.5 / (1 + days / 30), days < 0 ? '必修课，已过截止日期' : `必修课，${month}月${day}日前完成`);
      }
      const inProgress = fact !== undefined && fact.progress > 0;
      if (inProgress) add('continueLearning', 0.4 + (0.6 * fact.progress) / 100, `已学${fact.progress}%，接着学完`);
      const fit = fits[index]!;
      add('postFit', fit.value, fit.reason);
      const vector = this.catalogue.content.vectors.get(course.courseId);
      if (profileNorm > 0 && vector) add('content', dot(this.profile, vector) / profileNorm, 'content');
      const co = coScores.get(course.courseId) ?? 0;
      add('coCompletion', 1 - Math.exp(-1.5 * co), 'co');
      const trend = trends?.get(course.courseId) ?? 0;
      add('branchTrend', trend / (trend + 3), trend >= 2 ? '本支部党员近期在学' : undefined);
      const ageDays = Math.max(0, (now.getTime() - this.publishedAt[index]!) / DAY_MS);
      add('freshness', 0.5 ** (ageDays / freshnessHalfLifeDays), ageDays <= 14 ? '新上线课程' : undefined);
      const score = contributions.reduce((sum, item) => sum + item.value, 0);
      candidates.push({
        course,
        score,
        kind: required ? 'required' : inProgress ? 'continue' : 'recommended',
        contributions,
        ...(inProgress ? { progress: fact.progress } : {}),
      });
    });
    return candidates.sort((a, b) => b.score - a.score || a.course.courseId.localeCompare(b.course.courseId));
  }

  /** Greedy re-ranking: each course already listed with the same main tag multiplies a candidate's score by the penalty. */
  private diversify(sorted: Candidate[], limit: number): Candidate[] {
    const { diversityPenalty, maxPerTag } = this.settings;
    const chosen: Candidate[] = [];
    const perTag = new Map<string, number>();
    const remaining = [...sorted];
    while (chosen.length < limit && remaining.length > 0) {
      let best = -1;
      let bestScore = -Infinity;
      for (let index = 0; index < remaining.length; index += 1) {
        const candidate = remaining[index]!;
        const seen = perTag.get(candidate.course.tags[0] ?? '') ?? 0;
        if (candidate.kind !== 'required' && seen >= maxPerTag) continue;
        const effective = candidate.kind === 'required' ? candidate.score : candidate.score * diversityPenalty ** seen;
        if (effective > bestScore) [best, bestScore] = [index, effective];
        // Sorted by raw score: nothing further down can beat a candidate that kept its whole score.
        if (effective === candidate.score) break;
      }
      if (best < 0) break;
      const [picked] = remaining.splice(best, 1);
      chosen.push(picked!);
      const tag = picked!.course.tags[0] ?? '';
      perTag.set(tag, (perTag.get(tag) ?? 0) + 1);
    }
    return chosen;
  }

  private explain(candidate: Candidate, history: readonly LearningFact[], now: Date): RankedCourse {
    const reasons: string[] = [];
    for (const { value, reason } of [...candidate.contributions].sort((a, b) => b.value - a.value)) {
      if (reasons.length >= 2 || value < MIN_REASON_CONTRIBUTION || !reason) continue;
      const text = reason === 'content' ? this.contentReason(candidate.course, history, now) : reason === 'co' ? this.coReason(candidate.course, history) : reason;
      if (text && !reasons.includes(text)) reasons.push(text);
    }
    if (reasons.length === 0) reasons.push(`拓展学习：${candidate.course.tags[0] ?? candidate.course.title}`);
    return {
      courseId: candidate.course.courseId,
      kind: candidate.kind,
      score: Math.round(candidate.score * 1000) / 1000,
      reasons,
      ...(candidate.progress !== undefined ? { progress: candidate.progress } : {}),
    };
  }

  /** 「与您学过的《…》相关」: the finished course closest in content. */
  private contentReason(course: CourseFeatures, history: readonly LearningFact[], now: Date): string | undefined {
    const target = this.catalogue.content.vectors.get(course.courseId);
    if (!target) return undefined;
    let best: { title: string; similarity: number } | undefined;
    for (const fact of history) {
      if (interestWeight(fact, now) === 0) continue;
      const source = this.catalogue.byId.get(fact.courseId);
      const vector = this.catalogue.content.vectors.get(fact.courseId);
      if (!source || !vector) continue;
      const similarity = cosine(vector, target);
      if (!best || similarity > best.similarity) best = { title: source.title, similarity };
    }
    return best && best.similarity > 0 ? `与您学过的《${shortTitle(best.title)}》相关` : undefined;
  }

  /** 「学过《…》的党员也在学」: the member's course that leads here most often. */
  private coReason(course: CourseFeatures, history: readonly LearningFact[]): string | undefined {
    let best: { title: string; similarity: number } | undefined;
    for (const fact of history) {
      const link = this.model.neighbours.get(fact.courseId)?.find((neighbour) => neighbour.courseId === course.courseId);
      const source = this.catalogue.byId.get(fact.courseId);
      if (link && source && (!best || link.similarity > best.similarity)) best = { title: source.title, similarity: link.similarity };
    }
    return best ? `学过《${shortTitle(best.title)}》的党员也在学` : undefined;
  }
}
