import type { Recommendation } from '../../shared/api/courses';
import type { Member } from '../../shared/api/identity-model';
import { memberProfile } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { catalogue, publicCourse } from './catalogue';
import { currentSettings } from './course-settings';
import { currentModel } from './model';
import { Ranker } from './recommender/rank';
import type { LearningFact, MemberProfile } from './recommender/types';
import type { StoredCourse } from './store/catalogue-store';
import { memberRecords, type StoredRecord } from './store/learning-store';

export const toFact = (record: StoredRecord): LearningFact => record;

/** Lists the best next courses for members; one instance serves a whole batch (the weekly push). */
export class Recommender {
  private constructor(
    private readonly ranker: Ranker,
    private readonly courseOf: Map<string, StoredCourse>,
  ) {}

  static async load(now = new Date()): Promise<Recommender> {
    const [{ courses, published }, model, settings] = await Promise.all([catalogue(now.getTime()), currentModel(now), currentSettings(now.getTime())]);
    return new Recommender(new Ranker(published, model, settings.recommender), new Map(courses.map((course) => [course.courseId, course])));
  }

  recommend(member: MemberProfile, records: readonly StoredRecord[], now: Date, limit: number): Recommendation[] {
    return this.ranker.rank(member, records.map(toFact), now, limit).map((ranked) => ({
      course: publicCourse(this.courseOf.get(ranked.courseId)!),
      kind: ranked.kind,
      reasons: ranked.reasons,
      score: ranked.score,
      ...(ranked.progress !== undefined ? { progress: ranked.progress } : {}),
    }));
  }
}

export const profileOf = (member: Pick<Member, 'category' | 'postTags' | 'branchId'>): MemberProfile => ({
  category: member.category,
  postTags: member.postTags,
  branchId: member.branchId,
});

/** 为你推荐: the caller's ranked unfinished courses, each with its reasons. */
export async function recommendFor(caller: Caller, limit: number, now = new Date()): Promise<{ items: Recommendation[]; generatedAt: string }> {
  const [recommender, profile, records] = await Promise.all([Recommender.load(now), memberProfile(caller.userId), memberRecords(caller.userId)]);
  const member = profileOf(profile ?? { category: caller.category, postTags: [], branchId: caller.branchId });
  return { items: recommender.recommend(member, records, now, limit), generatedAt: now.toISOString() };
}
