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
 * | member's plan of a week  | PUSHRUN#<isoWeek>              | PLAN#<userId>     | –                                                   |
 *
 * Access patterns:
 * - catalogue (hundreds of courses): Query gsi1 COURSES, cached per Lambda copy for a minute
 * - a member's records (progress, year hours, recommendations): Query LEARN#<userId>
 * - records changed in a month (co-completion model, branch trends): Query gsi1 LEARNLOG#<month>#0 … #7 (the
 *   shard is a hash of the userid) and LEARNLOG#<month> (records last written before sharding), merged in log order
 * - a repeated progress report: GetItem LEARNREQ (kept 400 days: offline queues can be months late)
 * - the recommendation model: GetItem COURSEMODEL/CURRENT, then Query COURSEMODEL#<version>
 * - opt-out and recent pushes of a member: GetItem / BatchGetItem PUSHSTATE#<userId>
 * - a week's run and every member's plan (resume after a crash): Query PUSHRUN#<week>; recent runs: Query gsi1 PUSHRUNS
 *
 * Write rates at 100,000 / 1,000,000 members (see shared/runtime/table.ts). Study: in a campaign's last evening
 * 10% of members study at once, the app reporting progress once a minute (chapter-study.tsx) → 167 / 1,667
 * reports/s, each rewriting the member's record (and so its log entry) and adding a request item.
 *
 * | partition                   | 100k      | 1M         | assumption                                                   |
 * |-----------------------------|-----------|------------|--------------------------------------------------------------|
 * | gsi1 LEARNLOG#<month>#<0-7> | 21/s      | 208/s      | every progress report, over 8 shards (unsharded: 167 / 1,667/s, over the limit at 1M) |
 * | LEARN#<userId>, LEARNREQ#…  | < 1/s     | < 1/s      | one member's reports, one a minute                            |
 * | PUSHRUN#<week>              | ~400/s    | ~400/s     | the weekly push writes every member's plan (and its progress) into the week's partition, 8 puts of ~20 ms at a time: 100,000 / 1,000,000 items a week |
 * | PUSHSTATE#<userId>          | < 1/s     | < 1/s      | one member's pushes                                           |
 * | COURSE#, gsi1 COURSES, COURSEMODEL#<version> | ≤ 500/s | ≤ 500/s | a catalogue import or the daily model job, batches of 25; sized by the catalogue (hundreds of courses), not the members |
 * | COURSECONFIG, COURSEMODEL   | < 1/s     | < 1/s      | admins, the daily model job                                   |
 * First to need sharding: PUSHRUN#<week> — one partition holding a plan per member, near the limit as soon as the
 * push runs in parallel units (issue 17 item 1 reworks the push and its keys).
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';
import { shardedPartitions, shardKey } from '../../shared/runtime/write-shards';

/** A month's learning log is spread over this many gsi1 partitions (see the write rates above). */
export const LEARNLOG_SHARDS = 8;

/** The partitions above as IAM patterns (the course-push function's own items and index entries). */
export const COURSE_PARTITIONS: KeyPartitions = {
  table: ['COURSE#*', 'LEARN#*', 'LEARNREQ#*', 'COURSECONFIG', 'COURSEMODEL', 'COURSEMODEL#*', 'PUSHSTATE#*', 'PUSHRUN#*'],
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
  pushPlan: (week: string, userId: string) => ({ pk: `PUSHRUN#${week}`, sk: `PLAN#${userId}` }),
};
