import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AssessmentAuditEntry, Evaluation, Indicator } from '../../shared/api/assessment';
import { db, tableName } from '../../shared/runtime/db';
import { batchGet, cancellationReasons, queryAll, transactWrite, type Item } from '../../shared/runtime/db-helpers';
import { assessmentKeys } from './keys';

/** The only module of the assessment capability that knows DynamoDB (keys in keys.ts). */

export interface StoredScheme {
  year: string;
  version: number;
  indicators: Indicator[];
  savedBy: string;
  savedAt: string;
  note?: string;
}

export interface StoredResult {
  period: string;
  unitCode: string;
  indicatorCode: string;
  value: number;
  importId: string;
  by: string;
  at: string;
}

export interface StoredSurvey {
  period: string;
  questions: Array<{ id: string; text: string }>;
  opensAt: string;
  closesAt: string;
  /** Set by the first response: from then on the questions may not change. */
  started: boolean;
}

export interface Tally {
  branchId: string;
  responses: number;
  sums: Record<string, number>;
}

export type NewAudit = Omit<AssessmentAuditEntry, 'at'> & { at: string; id: string };

const get = async (key: Item, consistent = false): Promise<Item | undefined> =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: consistent }))).Item;

const auditPut = (year: string, entry: NewAudit) => ({
  Put: { TableName: tableName(), Item: { ...assessmentKeys.audit(year, entry.at, entry.id), ...withoutUndefined({ ...entry }) } },
});

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

const schemeOf = (item: Item): StoredScheme => ({
  year: String(item.year),
  version: Number(item.version),
  indicators: item.indicators as Indicator[],
  savedBy: String(item.savedBy),
  savedAt: String(item.savedAt),
  ...(typeof item.note === 'string' ? { note: item.note } : {}),
});

// ── schemes ─────────────────────────────────────────────────────────────────────────────────────

export async function schemeHead(year: string): Promise<StoredScheme | undefined> {
  const item = await get(assessmentKeys.schemeHead(year), true);
  return item ? schemeOf(item) : undefined;
}

export async function schemeHistory(year: string): Promise<StoredScheme[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :version)',
    ExpressionAttributeValues: { ':pk': assessmentKeys.schemePartition(year), ':version': 'V#' },
  });
  return items.map(schemeOf);
}

/**
 * Saves a new version as the head, if the head is still `expectedVersion` (0: none yet): the version item, the
 * head and the audit entry in one transaction. False when someone else saved first.
 */
export async function saveScheme(scheme: StoredScheme, expectedVersion: number, audit: NewAudit): Promise<boolean> {
  const body = withoutUndefined({ ...scheme });
  try {
    await transactWrite([
      { Put: { TableName: tableName(), Item: { ...assessmentKeys.schemeVersion(scheme.year, scheme.version), ...body }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: tableName(),
          Item: { ...assessmentKeys.schemeHead(scheme.year), ...body },
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
        },
      },
      auditPut(scheme.year, audit),
    ]);
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

// ── business results ────────────────────────────────────────────────────────────────────────────

const resultOf = (item: Item): StoredResult => ({
  period: String(item.period),
  unitCode: String(item.unitCode),
  indicatorCode: String(item.indicatorCode),
  value: Number(item.value),
  importId: String(item.importId),
  by: String(item.by),
  at: String(item.at),
});

export async function periodResults(period: string): Promise<StoredResult[]> {
  return (await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': assessmentKeys.resultPartition(period) } })).map(resultOf);
}

/** One unit's part of a period's partition (its sort keys begin with `<unitCode>#`). */
const unitPart = (pk: string, unitCode: string) => queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)', ExpressionAttributeValues: { ':pk': pk, ':unit': `${unitCode}#` } });

/** One unit's business results of a period. */
export async function unitResults(period: string, unitCode: string): Promise<StoredResult[]> {
  return (await unitPart(assessmentKeys.resultPartition(period), unitCode)).map(resultOf);
}

/**
 * Writes changed results, each with its audit entry in the same transaction (50 pairs a transaction), so no value
 * changes without its record. An interrupted import is completed by importing the same file again.
 */
export async function writeResults(changes: Array<{ result: StoredResult; audit: NewAudit }>): Promise<void> {
  for (let start = 0; start < changes.length; start += 50) {
    await transactWrite(
      changes.slice(start, start + 50).flatMap(({ result, audit }) => [
        { Put: { TableName: tableName(), Item: { ...assessmentKeys.result(result.period, result.unitCode, result.indicatorCode), ...result } } },
        auditPut(result.period.slice(0, 4), audit),
      ]),
    );
  }
}

// ── evaluations ─────────────────────────────────────────────────────────────────────────────────

const evaluationOf = (item: Item): Evaluation => ({
  unitCode: String(item.unitCode),
  period: String(item.period),
  indicatorCode: String(item.indicatorCode),
  score: Number(item.score),
  comment: String(item.comment ?? ''),
  evaluator: String(item.evaluator),
  at: String(item.at),
});

export async function periodEvaluations(period: string): Promise<Evaluation[]> {
  return (await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': assessmentKeys.evaluationPartition(period) } })).map(evaluationOf);
}

/** One unit's evaluations of a period. */
export async function unitEvaluations(period: string, unitCode: string): Promise<Evaluation[]> {
  return (await unitPart(assessmentKeys.evaluationPartition(period), unitCode)).map(evaluationOf);
}

export async function evaluationAt(period: string, unitCode: string, indicatorCode: string): Promise<Evaluation | undefined> {
  const item = await get(assessmentKeys.evaluation(period, unitCode, indicatorCode), true);
  return item ? evaluationOf(item) : undefined;
}

/** The score and its audit entry together. */
export async function putEvaluation(evaluation: Evaluation, audit: NewAudit): Promise<void> {
  await transactWrite([
    { Put: { TableName: tableName(), Item: { ...assessmentKeys.evaluation(evaluation.period, evaluation.unitCode, evaluation.indicatorCode), ...evaluation } } },
    auditPut(evaluation.period.slice(0, 4), audit),
  ]);
}

// ── surveys ─────────────────────────────────────────────────────────────────────────────────────

export async function surveyOf(period: string): Promise<StoredSurvey | undefined> {
  const item = await get(assessmentKeys.survey(period), true);
  if (!item) return undefined;
  return { period, questions: item.questions as StoredSurvey['questions'], opensAt: String(item.opensAt), closesAt: String(item.closesAt), started: item.started === true };
}

/** Sets a period's questions while nobody has answered yet; false once the survey has started. */
export async function putSurvey(survey: Omit<StoredSurvey, 'started'>, audit: NewAudit): Promise<boolean> {
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: { ...assessmentKeys.survey(survey.period), ...survey, started: false },
          ConditionExpression: 'attribute_not_exists(pk) OR started = :no',
          ExpressionAttributeValues: { ':no': false },
        },
      },
      auditPut(survey.period.slice(0, 4), audit),
    ]);
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

export async function hasResponded(period: string, userId: string): Promise<boolean> {
  return (await get(assessmentKeys.respondent(period, userId), true)) !== undefined;
}

/**
 * Records one member's answers: the marker (only once per member) and the branch tally's sums in one
 * transaction; the survey is marked started. False when the member had answered already.
 */
export async function recordResponse(period: string, userId: string, branchId: string, answers: Record<string, number>): Promise<boolean> {
  const ids = Object.keys(answers);
  try {
    await transactWrite([
      { Put: { TableName: tableName(), Item: { ...assessmentKeys.respondent(period, userId) }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          TableName: tableName(),
          Key: assessmentKeys.tally(period, branchId),
          UpdateExpression: `SET branchId = :branch ADD responses :one, ${ids.map((_, index) => `#q${index} :a${index}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(ids.map((id, index) => [`#q${index}`, `sum_${id}`])),
          ExpressionAttributeValues: { ':branch': branchId, ':one': 1, ...Object.fromEntries(ids.map((id, index) => [`:a${index}`, answers[id]!])) },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: assessmentKeys.survey(period),
          UpdateExpression: 'SET started = :yes',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':yes': true },
        },
      },
    ]);
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

const tallyOf = (item: Item): Tally => ({
  branchId: String(item.branchId),
  responses: Number(item.responses ?? 0),
  sums: Object.fromEntries(Object.entries(item).filter(([name]) => name.startsWith('sum_')).map(([name, value]) => [name.slice(4), Number(value)])),
});

export async function surveyTallies(period: string): Promise<Tally[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tally)',
    ExpressionAttributeValues: { ':pk': assessmentKeys.surveyPartition(period), ':tally': 'TALLY#' },
  });
  return items.map(tallyOf);
}

/** The tallies of these branches only (those that have one). */
export async function branchTallies(period: string, branchIds: readonly string[]): Promise<Tally[]> {
  return (await batchGet(branchIds.map((branchId) => assessmentKeys.tally(period, branchId)))).map(tallyOf);
}

// ── audit ───────────────────────────────────────────────────────────────────────────────────────

export async function auditTrail(year: string): Promise<AssessmentAuditEntry[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': assessmentKeys.auditPartition(year) }, ScanIndexForward: false });
  return items.map((item) => ({
    at: String(item.at),
    who: String(item.who),
    whoName: String(item.whoName),
    action: item.action as AssessmentAuditEntry['action'],
    target: String(item.target),
    ...(typeof item.before === 'string' ? { before: item.before } : {}),
    ...(typeof item.after === 'string' ? { after: item.after } : {}),
  }));
}

