import type { BranchStudy, MyStudy } from '../../shared/api/courses';
import type { Member } from '../../shared/api/identity-model';
import { forbidden } from '../../shared/runtime/app-error';
import { branchMembers, memberProfile } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { daysUntil, shanghaiYear } from './calendar';
import { catalogue } from './catalogue';
import { currentSettings } from './course-settings';
import { isEligible } from './recommender/eligibility';
import { inParallel } from './store/dynamo';
import type { StoredCourse } from './store/catalogue-store';
import { memberRecords } from './store/learning-store';
import { hoursInYear } from './study-hours';

/** Required courses due in the year that are meant for this member. */
function requiredFor(member: Pick<Member, 'category' | 'postTags'>, courses: readonly StoredCourse[], year: number): StoredCourse[] {
  return courses
    .filter((course) => course.status === 'published' && course.required && course.dueDate?.startsWith(`${year}-`) && isEligible(member, course))
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!) || a.courseId.localeCompare(b.courseId));
}

/** The caller's own year: hours against the requirement, required courses, what is under way. */
export async function myStudy(caller: Caller, year: number | undefined, now = new Date()): Promise<MyStudy> {
  const studyYear = year ?? shanghaiYear(now);
  const [records, { courses }, settings, profile] = await Promise.all([memberRecords(caller.userId), catalogue(), currentSettings(), memberProfile(caller.userId)]);
  const courseOf = new Map(courses.map((course) => [course.courseId, course]));
  const recordOf = new Map(records.map((record) => [record.courseId, record]));
  const completedHours = hoursInYear(records, studyYear);
  const completed = records
    .filter((record) => record.completed && record.completedAt && shanghaiYear(new Date(record.completedAt)) === studyYear)
    .sort((a, b) => b.completedAt!.localeCompare(a.completedAt!))
    .map((record) => ({ courseId: record.courseId, title: courseOf.get(record.courseId)?.title ?? '（课程已删除）', hours: record.creditedHours, completedAt: record.completedAt! }));
  const inProgress = records
    .filter((record) => !record.completed && record.progress > 0)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .map((record) => ({ courseId: record.courseId, title: courseOf.get(record.courseId)?.title ?? '（课程已删除）', progress: record.progress }));
  const member = { category: caller.category, postTags: profile?.postTags ?? [] };
  const requiredCourses = requiredFor(member, courses, studyYear).map((course) => {
    const record = recordOf.get(course.courseId);
    const done = record?.completed ?? false;
    return { courseId: course.courseId, title: course.title, hours: course.hours, dueDate: course.dueDate!, progress: record?.progress ?? 0, completed: done, overdue: !done && daysUntil(course.dueDate!, now) < 0 };
  });
  return {
    year: studyYear,
    requiredHours: settings.annualStudyHours,
    completedHours,
    remainingHours: Math.max(0, Math.round((settings.annualStudyHours - completedHours) * 10) / 10),
    completed,
    inProgress,
    requiredCourses,
  };
}

/**
 * A branch's year for its secretary: totals, how many members met the requirement, and completion of
 * each required course — computed from members' records but answered only as sums and shares, never
 * per person and never as a ranking.
 */
export async function branchStudy(caller: Caller, query: { year?: number; branchId?: string }, now = new Date()): Promise<BranchStudy> {
  const isAdmin = caller.roles.includes('admin');
  if (!isAdmin && query.branchId !== undefined && query.branchId !== caller.branchId) throw forbidden('支部书记只能查看本支部的学习情况');
  const branchId = isAdmin ? (query.branchId ?? caller.branchId) : caller.branchId;
  const year = query.year ?? shanghaiYear(now);
  const [members, { courses }, settings] = await Promise.all([branchMembers(branchId), catalogue(), currentSettings()]);
  const recordsByMember = await inParallel(members, 8, (member) => memberRecords(member.userId));
  const hours = recordsByMember.map((records) => hoursInYear(records, year));
  const totalTenths = hours.reduce((sum, value) => sum + Math.round(value * 10), 0);
  const required = courses.filter((course) => course.status === 'published' && course.required && course.dueDate?.startsWith(`${year}-`));
  return {
    branchId,
    year,
    requiredHours: settings.annualStudyHours,
    memberCount: members.length,
    totalHours: totalTenths / 10,
    averageHours: members.length === 0 ? 0 : Math.round(totalTenths / members.length) / 10,
    membersMeetingRequirement: hours.filter((value) => value >= settings.annualStudyHours).length,
    requiredCourses: required
      .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!))
      .map((course) => {
        const eligible = members.map((member, index) => ({ member, index })).filter(({ member }) => isEligible(member, course));
        const completedMembers = eligible.filter(({ index }) => recordsByMember[index]!.some((record) => record.courseId === course.courseId && record.completed)).length;
        return {
          courseId: course.courseId,
          title: course.title,
          dueDate: course.dueDate!,
          eligibleMembers: eligible.length,
          completedMembers,
          completionRate: eligible.length === 0 ? 0 : Math.round((completedMembers / eligible.length) * 1000) / 1000,
        };
      }),
  };
}
