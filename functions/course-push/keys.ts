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
 * | member's plan of a week  | PUSHRUN#<isoWeek>              | PLAN#<userId>     | –                                                   |
 *
 * Access patterns:
 * - catalogue (hundreds of courses): Query gsi1 COURSES, cached per Lambda copy for a minute
 * - a member's records (progress, year hours, recommendations): Query LEARN#<userId>
 * - records changed in a month (co-completion model, branch trends): Query gsi1 LEARNLOG#<month>;
 *   progress writes are rare (a member finishing a course), far below one partition's write limit
 * - a repeated progress report: GetItem LEARNREQ (kept 400 days: offline queues can be months late)
 * - the recommendation model: GetItem COURSEMODEL/CURRENT, then Query COURSEMODEL#<version>
 * - opt-out and recent pushes of a member: GetItem / BatchGetItem PUSHSTATE#<userId>
 * - a week's run and every member's plan (resume after a crash): Query PUSHRUN#<week>; recent runs: Query gsi1 PUSHRUNS
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
