/**
 * Items of the assessment capability in the one table (see shared/runtime/table.ts for the others).
 *
 * | item                        | pk                          | sk                             | notes                                   |
 * |-----------------------------|-----------------------------|--------------------------------|-----------------------------------------|
 * | scheme head (latest)        | ASSESS#SCHEME#<year>        | HEAD                           | `version`: bumped under a condition     |
 * | scheme version              | ASSESS#SCHEME#<year>        | V#<6-digit version>            | written once, never changed             |
 * | business result             | ASSESS#RESULT#<period>      | <unitCode>#<indicatorCode>     | value, importId, by, at                 |
 * | evaluator's score           | ASSESS#EVAL#<period>        | <unitCode>#<indicatorCode>     | score, comment, evaluator, at           |
 * | satisfaction survey         | ASSESS#SURVEY#<period>      | SURVEY                         | questions, opensAt, closesAt, started   |
 * | respondent marker           | ASSESS#SURVEY#<period>      | RESPONDED#<userId>             | no answer, no time (see below)          |
 * | branch tally                | ASSESS#SURVEY#<period>      | TALLY#<branchId>               | responses, one sum per question         |
 * | audit entry                 | ASSESS#AUDIT#<year>         | <at>#<id>                      | who, action, target, before, after      |
 * | unit snapshot               | ASSESS#SNAP#<year>          | UNIT#<unitCode>                | points, countedAt, scoredAt, staleSince |
 * | branch's counted figures    | ASSESS#SNAP#<year>          | FIG#<bureauId>#<branchId>      | figures per period, countedAt           |
 * | a run's bureau progress     | ASSESS#SNAPRUN#<runId>      | <bureauId>                     | batches (string set), ttl               |
 *
 * Access patterns:
 * - the scheme in force and its history: GetItem HEAD, Query ASSESS#SCHEME#<year> begins_with V#
 * - a period's business results / evaluations (committee view, drill-down): Query ASSESS#RESULT#<period> / ASSESS#EVAL#<period>
 * - answering a survey: one transaction puts the member's marker under attribute_not_exists (one response per
 *   member) and ADDs the answers to the branch tally
 * - per-branch survey results: Query ASSESS#SURVEY#<period> begins_with TALLY#
 * - the audit trail of a year: Query ASSESS#AUDIT#<year>
 * - the committee's view: Query ASSESS#SNAP#<year> begins_with UNIT# (one item per unit, written by the snapshot
 *   job, docs/assessment.md); a bureau's score: Query begins_with FIG#<bureauId># (its branches' counted figures)
 * - the last branch batch of a bureau in a run: ADD its index to the run's progress item, the bureau is scored when
 *   the set is complete (a string set, so a unit run twice adds nothing)
 *
 * Anonymity of the survey: no item holds a member's answer. The marker says only that the member answered
 * (not when, not what); the tally holds sums per branch, shown only from the threshold of responses upward.
 * What it does not protect against: an operator reading the table's stream, or comparing two backups taken
 * between one answer and the next, sees which marker arrived with which change of a tally. The threshold
 * protects what the platform shows, not against that reader; a stricter design would batch answers before
 * adding them to the tallies.
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

/** The partitions above as IAM patterns. */
export const ASSESSMENT_PARTITIONS: KeyPartitions = { table: ['ASSESS#*'] };

export const assessmentKeys = {
  schemeHead: (year: string) => ({ pk: `ASSESS#SCHEME#${year}`, sk: 'HEAD' }),
  schemeVersion: (year: string, version: number) => ({ pk: `ASSESS#SCHEME#${year}`, sk: `V#${String(version).padStart(6, '0')}` }),
  schemePartition: (year: string) => `ASSESS#SCHEME#${year}`,
  result: (period: string, unitCode: string, indicatorCode: string) => ({ pk: `ASSESS#RESULT#${period}`, sk: `${unitCode}#${indicatorCode}` }),
  resultPartition: (period: string) => `ASSESS#RESULT#${period}`,
  evaluation: (period: string, unitCode: string, indicatorCode: string) => ({ pk: `ASSESS#EVAL#${period}`, sk: `${unitCode}#${indicatorCode}` }),
  evaluationPartition: (period: string) => `ASSESS#EVAL#${period}`,
  survey: (period: string) => ({ pk: `ASSESS#SURVEY#${period}`, sk: 'SURVEY' }),
  respondent: (period: string, userId: string) => ({ pk: `ASSESS#SURVEY#${period}`, sk: `RESPONDED#${userId}` }),
  tally: (period: string, branchId: string) => ({ pk: `ASSESS#SURVEY#${period}`, sk: `TALLY#${branchId}` }),
  surveyPartition: (period: string) => `ASSESS#SURVEY#${period}`,
  audit: (year: string, at: string, id: string) => ({ pk: `ASSESS#AUDIT#${year}`, sk: `${at}#${id}` }),
  auditPartition: (year: string) => `ASSESS#AUDIT#${year}`,
  unitSnapshot: (year: string, unitCode: string) => ({ pk: `ASSESS#SNAP#${year}`, sk: `UNIT#${unitCode}` }),
  branchCount: (year: string, bureauId: string, branchId: string) => ({ pk: `ASSESS#SNAP#${year}`, sk: `FIG#${bureauId}#${branchId}` }),
  snapshotPartition: (year: string) => `ASSESS#SNAP#${year}`,
  bureauProgress: (runId: string, bureauId: string) => ({ pk: `ASSESS#SNAPRUN#${runId}`, sk: bureauId }),
};
