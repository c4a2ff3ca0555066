import { createHash } from 'node:crypto';
import type { PersonDetail, PersonInput, PersonSummary, StepInputBody } from '../../shared/api/membership';
import type { Deadline } from '../../shared/api/membership-model';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { managesBranch, requireBranch } from './access';
import { shanghaiToday } from './joining/calendar';
import { checkStep, nextSteps, runningDeadlines, stageOf, withStep } from './joining/process';
import { joiningRules } from './joining/rules';
import type { PersonRecord } from './model';
import { idNumberFacts, isValidIdNumber, maskIdNumber, normaliseIdNumber } from './privacy/id-number';
import { open, seal } from './privacy/envelope';
import { dataKeyProvider } from './settings';
import { appendWith, type RecordChainDraft } from './record-chain';
import { auditIdRead, branchRecords, createRecordAction, getRecord, idReadsOf, replaceRecordAction, type IdRead } from './store';

/** The ID number's envelope is bound to the person it belongs to: copied onto another record it does not open. */
const sealContext = (personId: string) => ({ purpose: 'party-membership', personId });

/** A person without an account gets an id from the creating request: the same request twice, one record. */
const applicantId = (callerId: string, clientRequestId: string) => `p-${createHash('sha256').update(`${callerId}\n${clientRequestId}`).digest('hex').slice(0, 20)}`;

export const stageOfRecord = (record: PersonRecord) => (record.steps.length > 0 ? stageOf(record.steps) : (record.standing ?? 'applicant'));
const earliest = (record: PersonRecord): Deadline | undefined => runningDeadlines(record.steps, joiningRules())[0];

export function summaryOf(record: PersonRecord): PersonSummary {
  const next = earliest(record);
  return {
    personId: record.personId,
    ...(record.userId ? { userId: record.userId } : {}),
    name: record.name,
    branchId: record.branchId,
    stage: stageOfRecord(record),
    idNumberMasked: record.idNumberMasked,
    ...(next ? { nextDeadline: next } : {}),
    flagged: record.steps.some((step) => step.flags.length > 0),
  };
}

export function detailOf(record: PersonRecord, caller: Caller): PersonDetail {
  return {
    ...summaryOf(record),
    sex: record.sex,
    ethnicity: record.ethnicity,
    birthDate: record.birthDate,
    ...(record.standingSince ? { standingSince: record.standingSince } : {}),
    steps: record.steps,
    nextSteps: record.standing && record.steps.length === 0 ? [] : nextSteps(record.steps),
    deadlines: runningDeadlines(record.steps, joiningRules()),
    canManage: managesBranch(caller, record.branchId),
    updatedAt: record.updatedAt,
  };
}

export async function requireRecord(personId: string): Promise<PersonRecord> {
  const record = await getRecord(personId);
  if (!record) throw new AppError(404, 'PERSON_NOT_FOUND');
  return record;
}

/** A record the caller may see: their own, or one of a branch they manage. Others' existence stays private (404). */
export async function visibleRecord(caller: Caller, personId: string): Promise<PersonRecord> {
  const record = await getRecord(personId);
  if (!record || !(record.userId === caller.userId || managesBranch(caller, record.branchId))) throw new AppError(404, 'PERSON_NOT_FOUND');
  return record;
}

export async function createPerson(caller: Caller, input: PersonInput, now = new Date()): Promise<{ detail: PersonDetail; created: boolean }> {
  const branchId = input.branchId ?? caller.branchId;
  requireBranch(caller, branchId);
  if (!input.application === !input.standing) {
    throw new AppError(400, 'VALIDATION_FAILED', '请填写入党申请信息，或已是党员的身份（二选一）', [{ path: 'body.application', message: '二选一' }]);
  }
  const idNumber = normaliseIdNumber(input.idNumber);
  if (!isValidIdNumber(idNumber)) throw new AppError(400, 'ID_NUMBER_INVALID', undefined, [{ path: 'body.idNumber', message: '校验位不正确' }]);
  const personId = input.userId ?? applicantId(caller.userId, input.clientRequestId);
  const today = shanghaiToday(now);
  const facts = idNumberFacts(idNumber);
  const at = now.toISOString();
  let record: PersonRecord = {
    personId,
    ...(input.userId ? { userId: input.userId } : {}),
    name: input.name,
    branchId,
    sex: input.sex,
    ethnicity: input.ethnicity,
    birthDate: facts.birthDate,
    idNumber: await seal(idNumber, sealContext(personId), dataKeyProvider()),
    idNumberMasked: maskIdNumber(idNumber),
    ...(input.standing ? { standing: input.standing.stage, standingSince: input.standing.since } : {}),
    steps: [],
    createdBy: caller.userId,
    createdRequest: input.clientRequestId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  if (input.application) {
    const step = { kind: 'application' as const, date: input.application.date, basis: input.application.basis };
    const outcome = checkStep([], step, joiningRules(), today);
    if (!outcome.accepted) throw stepRefused(outcome.refusal);
    record = { ...record, steps: withStep([], step, outcome.flags, { userId: caller.userId, name: caller.name }, now) };
  }
  if (await appendWith(personId, creationEntry(record, caller), [createRecordAction(record, earliest(record))])) return { detail: detailOf(record, caller), created: true };
  const existing = await requireRecord(personId);
  // The same request again: the record it made. Another request for the same person: a conflict.
  if (existing.createdBy === caller.userId && existing.createdRequest === input.clientRequestId) return { detail: detailOf(existing, caller), created: false };
  throw new AppError(409, 'PERSON_EXISTS');
}

/** What the chain keeps of a new record: who, where, standing or application; never the ID number. */
function creationEntry(record: PersonRecord, caller: Caller): RecordChainDraft {
  return {
    personId: record.personId,
    event: 'record-created',
    at: record.createdAt,
    by: { userId: caller.userId, name: caller.name },
    branchId: record.branchId,
    name: record.name,
    ...(record.standing && record.standingSince ? { standing: { stage: record.standing, since: record.standingSince } } : {}),
    ...(record.steps[0] ? { step: chainedStep(record.steps[0]) } : {}),
  };
}

const chainedStep = ({ recordedBy: _by, recordedAt: _at, ...step }: PersonRecord['steps'][number]): NonNullable<RecordChainDraft['step']> => step;

function stepRefused(refusal: { rule: string; message: string }): AppError {
  return new AppError(409, 'STEP_REFUSED', refusal.message, [{ path: `rule.${refusal.rule}`, message: refusal.message }]);
}

/**
 * Records one step: checked against the rules and the steps before it, written only over the version read
 * (two secretaries recording at once: one wins, the other is asked to refresh), in one transaction with its entry
 * in the person's record chain: no step without its entry, no entry without its step.
 */
export async function recordStep(caller: Caller, personId: string, input: StepInputBody, now = new Date()): Promise<PersonDetail> {
  const record = await requireRecord(personId);
  requireBranch(caller, record.branchId);
  if (record.standing && record.steps.length === 0) {
    throw stepRefused({ rule: 'RECORDED_MEMBER', message: `该档案按已是${record.standing === 'full' ? '正式' : '预备'}党员建立，没有发展流程可登记` });
  }
  const outcome = checkStep(record.steps, input, joiningRules(), shanghaiToday(now));
  if (!outcome.accepted) throw stepRefused(outcome.refusal);
  const next: PersonRecord = {
    ...record,
    steps: withStep(record.steps, input, outcome.flags, { userId: caller.userId, name: caller.name }, now),
    updatedAt: now.toISOString(),
    version: record.version + 1,
  };
  const entry: RecordChainDraft = {
    personId,
    event: 'step',
    at: next.updatedAt,
    by: { userId: caller.userId, name: caller.name },
    branchId: record.branchId,
    step: chainedStep(next.steps[next.steps.length - 1]!),
  };
  if (!(await appendWith(personId, entry, [replaceRecordAction(next, record.version, earliest(next))]))) throw new AppError(409, 'CONFLICT');
  return detailOf(next, caller);
}

export async function listPeople(branchId: string): Promise<PersonSummary[]> {
  const records = await branchRecords(branchId);
  return records.map(summaryOf).sort((a, b) => (a.nextDeadline?.due ?? '9999').localeCompare(b.nextDeadline?.due ?? '9999') || a.name.localeCompare(b.name, 'zh'));
}

/**
 * The whole ID number, to a secretary of the person's branch or an admin (the letter, the roster office), with
 * the purpose stated. The audit entry is written first: if it cannot be, the number is not shown.
 */
export async function readIdNumber(
  caller: Caller,
  personId: string,
  purpose: string,
  now = new Date(),
  /** A letter being printed after acceptance: the sending branch still prints the letter it issued. */
  asBranch?: string,
): Promise<{ personId: string; idNumber: string; auditedAt: string }> {
  const record = await requireRecord(personId);
  requireBranch(caller, asBranch ?? record.branchId);
  const at = now.toISOString();
  await auditIdRead({ personId, readerId: caller.userId, readerName: caller.name, purpose, at });
  return { personId, idNumber: await open(record.idNumber, sealContext(personId), dataKeyProvider()), auditedAt: at };
}

export async function idReadAudit(personId: string): Promise<IdRead[]> {
  await requireRecord(personId);
  return idReadsOf(personId);
}
