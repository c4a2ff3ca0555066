/**
 * Items of the course-push capability in the one table (see shared/runtime/table.ts for the others).
 *
 * | item                     | pk                             | sk                | gsi1pk / gsi1sk                                     |
 * |--------------------------|--------------------------------|-------------------|-----------------------------------------------------|
 * | course                   | COURSE#<courseId>              | COURSE            | COURSES / <courseId>                                |
 * | learning record          | LEARN#<userId>                 | COURSE#<courseId> | LEARNLOG#<yyyy-MM> / <updatedAt>#<userId>#<courseId> |
 * | progress request (ttl)   | LEARNREQ#<userId>#<requestId>  | REQ               | –                                                   |
 * | settings                 | COURSECONFIG                   | SETTINGS          | –                                                   |
 * | model pointer            | COURSEMODEL                    | CURRENT           | –                                                   |
 * | model part (ttl)         | COURSEMODEL#<version>          | <part>            | –                                                   |
 * | member push state        | PUSHSTATE#<userId>             | PUSH              | –                                                   |
 * | weekly push run          | PUSHRUN#<isoWeek>              | RUN               | PUSHRUNS / <isoWeek>                                |
 * | push unit (state)        | PUSHRUN#<isoWeek>              | UNIT#<nnnn>       | –                                                   |
 * | push unit (its members)  | PUSHRUN#<isoWeek>              | MEMBERS#<nnnn>    | –                                                   |
 * | member's plan of a week  | PUSHPLAN#<isoWeek>#<userId>    | PLAN              | –                                                   |
 *
 * Access patterns:
 * - catalogue (hundreds of courses): Query gsi1 COURSES, cached per Lambda copy for a minute
 * - a member's records (progress, year hours, recommendations): Query LEARN#<userId>
 * - records changed in a month (co-completion model, branch trends): Query gsi1 LEARNLOG#<month>;
 *   progress writes are rare (a member finishing a course), far below one partition's write limit
 * - a repeated progress report: GetItem LEARNREQ (kept 400 days: offline queues can be months late)
 * - the recommendation model: GetItem COURSEMODEL/CURRENT, then Query COURSEMODEL#<version>
 * - opt-out and recent pushes of a member: GetItem / BatchGetItem PUSHSTATE#<userId>
 * - a week's run and its units' ids: GetItem PUSHRUN#<week>/RUN, Query PUSHRUN#<week> begins_with UNIT# (ids only);
 *   recent runs: Query gsi1 PUSHRUNS
 * - one unit (≤ 1,000 members, claimed and resumed alone): GetItem UNIT#<n> and MEMBERS#<n> (member snapshots, ≤ 100 KB),
 *   its members' plans: BatchGetItem PUSHPLAN#<week>#<userId> (10 requests of 100); a member's plan (clicks,
 *   completions): GetItem / BatchGetItem PUSHPLAN#<week>#<userId>
 *
 * Write rates per partition of the weekly push (planning runs units in parallel under the fan-out; sending is paced):
 * - PUSHPLAN#<week>#<userId>: one partition per member and week, ~3 writes each in the week (plan, notice, click) — never hot.
 * - PUSHRUN#<week>: the run and unit items. At 100,000 members: 100 units; planning writes 1 unit item pair per 1,000
 *   members (~1 write/s), sending one transaction per notice on the unit and the run (≤ the paced notice rate,
 *   10 notices/s per unit: ≤ 100 writes/s with 10 units at once) — within one partition's 1,000 writes/s.
 *   At 1,000,000 members: 1,000 units; WeCom's limit (≤ ~41 calls/s sustained per corporation) caps notices, so
 *   ≤ ~85 writes/s (run + unit per notice). The run item's counters are the first key to shard at that size only if
 *   notices were ever sent faster than WeCom allows — they cannot be.
 * - PUSHSTATE#<userId>: one write per member per week (push history) — never hot.
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

/** The partitions above as IAM patterns (the course-push function's own items and index entries). */
export const COURSE_PARTITIONS: KeyPartitions = {
  table: ['COURSE#*', 'LEARN#*', 'LEARNREQ#*', 'COURSECONFIG', 'COURSEMODEL', 'COURSEMODEL#*', 'PUSHSTATE#*', 'PUSHRUN#*', 'PUSHPLAN#*'],
  indexes: { gsi1: ['COURSES', 'LEARNLOG#*', 'PUSHRUNS'] },
};

export const courseKeys = {
  course: (courseId: string) => ({ pk: `COURSE#${courseId}`, sk: 'COURSE' }),
  courseIndex: (courseId: string) => ({ gsi1pk: 'COURSES', gsi1sk: courseId }),
  learning: (userId: string, courseId: string) => ({ pk: `LEARN#${userId}`, sk: `COURSE#${courseId}` }),
  learningPartition: (userId: string) => `LEARN#${userId}`,
  learningLog: (month: string, updatedAt: string, userId: string, courseId: string) => ({
    gsi1pk: `LEARNLOG#${month}`,
    gsi1sk: `${updatedAt}#${userId}#${courseId}`,
  }),
  learningLogPartition: (month: string) => `LEARNLOG#${month}`,
  progressRequest: (userId: string, requestId: string) => ({ pk: `LEARNREQ#${userId}#${requestId}`, sk: 'REQ' }),
  settings: () => ({ pk: 'COURSECONFIG', sk: 'SETTINGS' }),
  modelPointer: () => ({ pk: 'COURSEMODEL', sk: 'CURRENT' }),
  modelPartition: (version: string) => `COURSEMODEL#${version}`,
  pushState: (userId: string) => ({ pk: `PUSHSTATE#${userId}`, sk: 'PUSH' }),
  pushRun: (week: string) => ({ pk: `PUSHRUN#${week}`, sk: 'RUN' }),
  pushRunIndex: (week: string) => ({ gsi1pk: 'PUSHRUNS', gsi1sk: week }),
  pushRunPartition: (week: string) => `PUSHRUN#${week}`,
  pushUnit: (week: string, unitId: string) => ({ pk: `PUSHRUN#${week}`, sk: `UNIT#${unitId}` }),
  pushUnitMembers: (week: string, unitId: string) => ({ pk: `PUSHRUN#${week}`, sk: `MEMBERS#${unitId}` }),
  pushPlan: (week: string, userId: string) => ({ pk: `PUSHPLAN#${week}#${userId}`, sk: 'PLAN' }),
};
