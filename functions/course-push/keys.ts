/**
 * Items of the course-push capability in the one table (see shared/runtime/table.ts for the others).
 *
 * | item                     | pk                             | sk                | gsi1pk / gsi1sk                                     |
 * |--------------------------|--------------------------------|-------------------|-----------------------------------------------------|
 * | course                   | COURSE#<courseId>              | COURSE            | COURSES / <courseId>                                |
 * | learning record          | LEARN#<userId>                 | COURSE#<courseId> | LEARNLOG#<yyyy-MM>#<0-7> / <updatedAt>#<userId>#<courseId> |
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
 * - records changed in a month (co-completion model, branch trends): Query gsi1 LEARNLOG#<month>#0 … #7 (the
 *   shard is a hash of the userid) and LEARNLOG#<month> (records last written before sharding), merged in log order
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
 *
 * Write rates at 100,000 / 1,000,000 members (see shared/runtime/table.ts). Study: in a campaign's last evening
 * 10% of members study at once, the app reporting progress once a minute (chapter-study.tsx) → 167 / 1,667
 * reports/s, each rewriting the member's record (and so its log entry) and adding a request item.
 *
 * | partition                   | 100k      | 1M         | assumption                                                   |
 * |-----------------------------|-----------|------------|--------------------------------------------------------------|
 * | gsi1 LEARNLOG#<month>#<0-7> | 21/s      | 208/s      | every progress report, over 8 shards (unsharded: 167 / 1,667/s, over the limit at 1M) |
 * | LEARN#<userId>, LEARNREQ#…  | < 1/s     | < 1/s      | one member's reports, one a minute                            |
 * | PUSHSTATE#<userId>          | < 1/s     | < 1/s      | one member's pushes                                           |
 * | COURSE#, gsi1 COURSES, COURSEMODEL#<version> | ≤ 500/s | ≤ 500/s | a catalogue import or the daily model job, batches of 25; sized by the catalogue (hundreds of courses), not the members |
 * | COURSECONFIG, COURSEMODEL   | < 1/s     | < 1/s      | admins, the daily model job                                   |
 * First to need sharding: gsi1 LEARNLOG#<month> (done: 8 shards); then PUSHRUN#<week>'s run item at 1,000,000 (see above).
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';
import { shardedPartitions, shardKey } from '../../shared/runtime/write-shards';

/** A month's learning log is spread over this many gsi1 partitions (see the write rates above). */
export const LEARNLOG_SHARDS = 8;

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
  /** A record's entry in its month's log: the member's shard of the month (a hash of the userid). */
  learningLog: (month: string, updatedAt: string, userId: string, courseId: string) => ({
    gsi1pk: shardKey(`LEARNLOG#${month}`, userId, LEARNLOG_SHARDS),
    gsi1sk: `${updatedAt}#${userId}#${courseId}`,
  }),
  /** Every partition of a month's log: the unsharded one of records written before sharding, then each shard. */
  learningLogPartitions: (month: string) => shardedPartitions(`LEARNLOG#${month}`, LEARNLOG_SHARDS),
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
