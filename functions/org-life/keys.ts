/**
 * Items of organisation life in the one table (see shared/runtime/table.ts for the others).
 *
 * | item             | pk                                    | sk                         | gsi1pk / gsi1sk                                | gsi2pk / gsi2sk                          |
 * |------------------|---------------------------------------|----------------------------|------------------------------------------------|------------------------------------------|
 * | branch settings  | ORGLIFE#BRANCH#<branchId>             | SETTINGS                   | –                                              | –                                        |
 * | year plan        | ORGLIFE#BRANCH#<branchId>             | PLAN#<year>                | –                                              | –                                        |
 * | meeting          | ORGLIFE#MEETING#<id>                  | MEETING                    | ORGLIFE-MEETINGS#<branchId> / <startAt>#<id>    | –                                        |
 * | attendance       | ORGLIFE#MEETING#<id>                  | ATT#<userId>               | –                                              | –                                        |
 * | check-in tries   | ORGLIFE#MEETING#<id>                  | TRIES#<userId>#<window>    | – (ttl: a day)                                 | –                                        |
 * | follow-up task   | ORGLIFE#MEETING#<id>                  | TASK#<taskId>              | ORGLIFE-TASKS#<branchId> / <dueDate>#<taskId>   | ORGLIFE-OPEN-TASKS / <dueDate>#<taskId> (open only) |
 * | appraisal        | ORGLIFE#APPRAISAL#<branchId>#<year>   | APPRAISAL                  | –                                              | –                                        |
 * | voted marker     | ORGLIFE#APPRAISAL#<branchId>#<year>   | VOTED#<userId>             | –                                              | –                                        |
 * | member's tally   | ORGLIFE#APPRAISAL#<branchId>#<year>   | TALLY#<userId>             | –                                              | –                                        |
 *
 * 民主评议 ballots are never stored: a ballot becomes, in one transaction, a voted marker (who voted, without
 * what or when) and increments of each appraised member's tally (what, without who). The marker's
 * attribute_not_exists condition is the one-ballot rule.
 *
 * Access patterns:
 * - settings and plans of a branch: GetItem ORGLIFE#BRANCH#<branchId> / SETTINGS, PLAN#<year>
 * - a branch's meetings in a time range (member's list, committee view, CSV, reminders): Query gsi1 ORGLIFE-MEETINGS#<branchId> between instants
 * - a meeting with its attendance and tasks: Query ORGLIFE#MEETING#<id>
 * - a branch's tasks: Query gsi1 ORGLIFE-TASKS#<branchId>; open tasks due soon (reminder job): Query gsi2 ORGLIFE-OPEN-TASKS up to a day
 * - an appraisal with its tallies: Query ORGLIFE#APPRAISAL#<branchId>#<year>; has a member voted: GetItem VOTED#<userId>
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

export const ORG_LIFE_PARTITIONS: KeyPartitions = {
  table: ['ORGLIFE#*'],
  indexes: { gsi1: ['ORGLIFE-MEETINGS#*', 'ORGLIFE-TASKS#*'], gsi2: ['ORGLIFE-OPEN-TASKS'] },
};

export const orgLifeKeys = {
  settings: (branchId: string) => ({ pk: `ORGLIFE#BRANCH#${branchId}`, sk: 'SETTINGS' }),
  plan: (branchId: string, year: string) => ({ pk: `ORGLIFE#BRANCH#${branchId}`, sk: `PLAN#${year}` }),
  meeting: (id: string) => ({ pk: `ORGLIFE#MEETING#${id}`, sk: 'MEETING' }),
  meetingPartition: (id: string) => `ORGLIFE#MEETING#${id}`,
  attendance: (id: string, userId: string) => ({ pk: `ORGLIFE#MEETING#${id}`, sk: `ATT#${userId}` }),
  tries: (id: string, userId: string, window: number) => ({ pk: `ORGLIFE#MEETING#${id}`, sk: `TRIES#${userId}#${window}` }),
  task: (meetingId: string, taskId: string) => ({ pk: `ORGLIFE#MEETING#${meetingId}`, sk: `TASK#${taskId}` }),
  appraisal: (branchId: string, year: string) => ({ pk: `ORGLIFE#APPRAISAL#${branchId}#${year}`, sk: 'APPRAISAL' }),
  appraisalPartition: (branchId: string, year: string) => `ORGLIFE#APPRAISAL#${branchId}#${year}`,
  voted: (branchId: string, year: string, userId: string) => ({ pk: `ORGLIFE#APPRAISAL#${branchId}#${year}`, sk: `VOTED#${userId}` }),
  tally: (branchId: string, year: string, userId: string) => ({ pk: `ORGLIFE#APPRAISAL#${branchId}#${year}`, sk: `TALLY#${userId}` }),
};

export const meetingsIndex = (branchId: string) => `ORGLIFE-MEETINGS#${branchId}`;
export const tasksIndex = (branchId: string) => `ORGLIFE-TASKS#${branchId}`;
export const OPEN_TASKS_INDEX = 'ORGLIFE-OPEN-TASKS';
