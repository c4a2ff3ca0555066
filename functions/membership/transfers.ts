import { createHash } from 'node:crypto';
import type * as z from 'zod/mini';
import { STANDING_LABELS, SEX_LABELS, type Letter, type Transfer, type transferIssueSchema, type transferReceiptSchema, type transferRequestSchema } from '../../shared/api/membership';
import { AppError } from '../../shared/runtime/app-error';
import { memberProfile, moveMemberAction, organisationUnits } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { duesMoveActions, duesPaidUpTo, movesBill } from '../dues/member-transfer';
import { studyMoveActions } from '../course-push/member-transfer';
import { managesBranch } from './access';
import { addDays, daysBetween, shanghaiToday } from './joining/calendar';
import type { TransferRecord } from './model';
import { stageOfRecord } from './people';
import { appendOrFailedCondition, appendWith, CHAIN_WRITES_PER_STEP, type RecordChainDraft } from './record-chain';
import { membershipSettings } from './settings';
import {
  branchTransfers,
  bumpCardAction,
  createTransferActions,
  getRecord,
  getTransfer,
  memberTransfers,
  moveRecordAction,
  nextLetterNumber,
  releaseLockAction,
  transferPutAction,
  type TransactItem,
} from './store';

/**
 * Organisation transfer (组织关系转接) as a workflow: requested by the member or a secretary, the sending branch
 * issues the 介绍信, the receiving branch accepts (its acceptance is the receipt, 回执) or returns it with a reason.
 * The sending branch stays responsible until acceptance; on acceptance the member's branch, dues items, study
 * records and card follow in one transaction. Outside the group the sending secretary records the receipt.
 */

/**
 * DynamoDB takes at most 100 actions in one transaction, the record chain's own writes included: a member with
 * more items than that is moved by an admin.
 */
const MAX_TRANSACTION_ACTIONS = 100 - CHAIN_WRITES_PER_STEP;

const transferIdOf = (callerId: string, clientRequestId: string) => `t-${createHash('sha256').update(`${callerId}\n${clientRequestId}`).digest('hex').slice(0, 24)}`;

export const toTransfer = (record: TransferRecord): Transfer => record;

export async function requireTransfer(id: string): Promise<TransferRecord> {
  const transfer = await getTransfer(id);
  if (!transfer) throw new AppError(404, 'TRANSFER_NOT_FOUND');
  return transfer;
}

const involves = (caller: Caller, transfer: TransferRecord) =>
  transfer.userId === caller.userId || managesBranch(caller, transfer.fromBranchId) || (transfer.toBranchId !== undefined && managesBranch(caller, transfer.toBranchId));

/** A transfer the caller takes part in; others' stay private (404). */
export async function visibleTransfer(caller: Caller, id: string): Promise<TransferRecord> {
  const transfer = await getTransfer(id);
  if (!transfer || !involves(caller, transfer)) throw new AppError(404, 'TRANSFER_NOT_FOUND');
  return transfer;
}

export async function requestTransfer(caller: Caller, body: z.infer<typeof transferRequestSchema>, now = new Date()): Promise<{ transfer: TransferRecord; created: boolean }> {
  if (!body.toBranchId === !body.toOrganisation) {
    throw new AppError(400, 'VALIDATION_FAILED', '请选择集团内的接收支部，或填写集团外的接收党组织（二选一）', [{ path: 'body.toBranchId', message: '二选一' }]);
  }
  const member = await memberProfile(body.userId);
  if (!member || !(member.userId === caller.userId || managesBranch(caller, member.branchId))) throw new AppError(404, 'MEMBER_NOT_FOUND', '没有找到这名党员，或您不能为其申请转接');
  const units = await organisationUnits();
  const from = units.find((unit) => unit.id === member.branchId);
  const to = body.toBranchId ? units.find((unit) => unit.id === body.toBranchId && unit.kind === 'branch') : undefined;
  if (body.toBranchId && !to) throw new AppError(400, 'VALIDATION_FAILED', '接收支部不存在', [{ path: 'body.toBranchId', message: '接收支部不存在' }]);
  if (to?.id === member.branchId) throw new AppError(400, 'VALIDATION_FAILED', '接收支部与所在支部相同', [{ path: 'body.toBranchId', message: '接收支部与所在支部相同' }]);
  const at = now.toISOString();
  const transfer: TransferRecord = {
    id: transferIdOf(caller.userId, body.clientRequestId),
    userId: member.userId,
    name: member.name,
    kind: to ? 'inside' : 'outside',
    fromBranchId: member.branchId,
    fromName: from?.name ?? member.branchId,
    ...(to ? { toBranchId: to.id } : {}),
    toName: to?.name ?? body.toOrganisation!,
    reason: body.reason,
    status: 'requested',
    requestedBy: caller.userId,
    requestedAt: at,
    updatedAt: at,
  };
  const { actions, transferIndex } = createTransferActions(transfer);
  const failed = await appendOrFailedCondition(transfer.userId, transferEntry(caller, transfer, 'transfer-requested'), actions);
  if (failed === undefined) return { transfer, created: true };
  // The same request again: the transfer it created. Otherwise the member's lock: another transfer is in progress.
  if (failed === transferIndex) return { transfer: await requireTransfer(transfer.id), created: false };
  throw new AppError(409, 'TRANSFER_IN_PROGRESS');
}

function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The sending branch issues the 介绍信: the member's facts from their record, dues paid up to from the dues ledger. */
export async function issueLetter(caller: Caller, id: string, body: z.infer<typeof transferIssueSchema>, now = new Date()): Promise<TransferRecord> {
  const transfer = await requireTransfer(id);
  if (!managesBranch(caller, transfer.fromBranchId)) throw new AppError(403, 'TRANSFER_NOT_MANAGED');
  if (transfer.status !== 'requested') throw new AppError(409, 'TRANSFER_STATE');
  const person = await getRecord(transfer.userId);
  if (!person) throw new AppError(409, 'TRANSFER_STATE', '请先为该党员建立党员档案（身份证号、民族等），再开具介绍信');
  const settings = membershipSettings();
  const today = shanghaiToday(now);
  const validityDays = body.validityDays ?? settings.MEMBERSHIP_LETTER_VALIDITY_DAYS;
  const year = today.slice(0, 4);
  const paidUpTo = await duesPaidUpTo(transfer.userId);
  const letter: Letter = {
    number: `${year}-${String(await nextLetterNumber(year)).padStart(4, '0')}`,
    name: person.name,
    sex: SEX_LABELS[person.sex],
    age: ageOn(person.birthDate, today),
    ethnicity: person.ethnicity,
    standing: STANDING_LABELS[stageOfRecord(person)],
    idNumberMasked: person.idNumberMasked,
    from: transfer.fromName,
    to: transfer.toName,
    ...(paidUpTo ? { duesPaidUpTo: paidUpTo } : {}),
    validityDays,
    issuedOn: today,
    validUntil: addDays(today, validityDays),
    contact: body.contact,
    senderAddress: body.senderAddress ?? settings.MEMBERSHIP_SENDER_ADDRESS,
  };
  const next: TransferRecord = { ...transfer, status: 'issued', letter, decidedBy: caller.userId, decidedAt: now.toISOString(), updatedAt: now.toISOString() };
  await commitTransferStep(caller, next, 'transfer-issued', [transferPutAction(next, 'requested')]);
  return next;
}

type TransferEvent = Extract<RecordChainDraft['event'], `transfer-${string}`>;

/** What the member's record chain keeps of a transfer step: the transfer's ends, the letter, the outcome. */
function transferEntry(caller: Caller, transfer: TransferRecord, event: TransferEvent): RecordChainDraft {
  return {
    personId: transfer.userId,
    event,
    at: transfer.updatedAt,
    by: { userId: caller.userId, name: caller.name },
    // Until acceptance the sending branch is responsible for the member (the entry of the acceptance included).
    branchId: transfer.fromBranchId,
    transfer: {
      id: transfer.id,
      fromBranchId: transfer.fromBranchId,
      fromName: transfer.fromName,
      ...(transfer.toBranchId ? { toBranchId: transfer.toBranchId } : {}),
      toName: transfer.toName,
      ...(transfer.letter ? { letterNumber: transfer.letter.number, validUntil: transfer.letter.validUntil } : {}),
      ...(event === 'transfer-requested' ? { reason: transfer.reason } : {}),
      ...(transfer.returnReason ? { returnReason: transfer.returnReason } : {}),
      ...(transfer.receipt ? { receivedBy: transfer.receipt.receivedBy, receivedOn: transfer.receipt.receivedOn } : {}),
    },
  };
}

/**
 * Runs a step of a transfer in one transaction with its entry in the member's record chain. Refused (409) when
 * the transfer's status changed meanwhile (someone else decided first) or an item to move changed branch:
 * then nothing was written, neither the step nor its entry.
 */
async function commitTransferStep(caller: Caller, next: TransferRecord, event: TransferEvent, actions: TransactItem[]): Promise<void> {
  if (!(await appendWith(next.userId, transferEntry(caller, next, event), actions))) throw new AppError(409, 'TRANSFER_STATE');
}

/**
 * The receiving branch accepts: within the letter's validity, and in one transaction the transfer closes with its
 * receipt, the member's profile, record, dues items and study records move to the receiving branch, older cards
 * stop passing online checks, and the member may start another transfer.
 */
export async function acceptTransfer(caller: Caller, id: string, now = new Date()): Promise<TransferRecord> {
  const transfer = await requireTransfer(id);
  if (transfer.kind !== 'inside' || !transfer.toBranchId || !managesBranch(caller, transfer.toBranchId)) throw new AppError(403, 'TRANSFER_NOT_MANAGED');
  if (transfer.status !== 'issued') throw new AppError(409, 'TRANSFER_STATE');
  const today = shanghaiToday(now);
  if (daysBetween(transfer.letter!.validUntil, today) > 0) throw new AppError(409, 'TRANSFER_LETTER_EXPIRED');
  const { fromBranchId, toBranchId, userId } = transfer;
  const at = now.toISOString();
  const [duesActions, studyActions, record] = await Promise.all([
    duesMoveActions(userId, fromBranchId, toBranchId, Number(today.slice(0, 4))),
    studyMoveActions(userId, fromBranchId, toBranchId),
    getRecord(userId),
  ]);
  const next: TransferRecord = {
    ...transfer,
    status: 'closed',
    decidedBy: caller.userId,
    decidedAt: at,
    receipt: { receivedBy: transfer.toName, receivedOn: today, recordedBy: caller.userId },
    moved: { duesBills: duesActions.filter(movesBill).length, studyRecords: studyActions.length },
    updatedAt: at,
  };
  const actions: TransactItem[] = [
    transferPutAction(next, 'issued'),
    moveMemberAction(userId, fromBranchId, toBranchId, at),
    ...(record ? [moveRecordAction(userId, fromBranchId, toBranchId)] : []),
    ...duesActions,
    ...studyActions,
    bumpCardAction(userId, at),
    releaseLockAction(userId),
  ];
  if (actions.length > MAX_TRANSACTION_ACTIONS) throw new AppError(409, 'TRANSFER_STATE', '该党员的党费和学习记录过多，无法一次转入，请联系平台管理员办理');
  await commitTransferStep(caller, next, 'transfer-accepted', actions);
  return next;
}

/** The receiving branch returns the letter: never without a reason (the schema requires one). */
export async function returnTransfer(caller: Caller, id: string, reason: string, now = new Date()): Promise<TransferRecord> {
  const transfer = await requireTransfer(id);
  if (transfer.kind !== 'inside' || !transfer.toBranchId || !managesBranch(caller, transfer.toBranchId)) throw new AppError(403, 'TRANSFER_NOT_MANAGED');
  if (transfer.status !== 'issued') throw new AppError(409, 'TRANSFER_STATE');
  const at = now.toISOString();
  const next: TransferRecord = { ...transfer, status: 'returned', returnReason: reason, decidedBy: caller.userId, decidedAt: at, updatedAt: at };
  await commitTransferStep(caller, next, 'transfer-returned', [transferPutAction(next, 'issued'), releaseLockAction(transfer.userId)]);
  return next;
}

/** Outside the group: the sending secretary records the receipt that came back, which closes the transfer. */
export async function recordReceipt(caller: Caller, id: string, body: z.infer<typeof transferReceiptSchema>, now = new Date()): Promise<TransferRecord> {
  const transfer = await requireTransfer(id);
  if (transfer.kind !== 'outside' || !managesBranch(caller, transfer.fromBranchId)) throw new AppError(403, 'TRANSFER_NOT_MANAGED');
  if (transfer.status !== 'issued') throw new AppError(409, 'TRANSFER_STATE');
  const at = now.toISOString();
  const next: TransferRecord = { ...transfer, status: 'closed', receipt: { ...body, recordedBy: caller.userId }, updatedAt: at };
  await commitTransferStep(caller, next, 'transfer-receipt', [transferPutAction(next, 'issued'), releaseLockAction(transfer.userId)]);
  return next;
}

/** A secretary's incoming and outgoing transfers and the caller's own, newest first. */
export async function listTransfers(caller: Caller): Promise<TransferRecord[]> {
  const manages = caller.roles.includes('secretary') || caller.roles.includes('admin');
  const [branch, own] = await Promise.all([manages ? branchTransfers(caller.branchId) : Promise.resolve([]), memberTransfers(caller.userId)]);
  const unique = new Map([...branch, ...own].map((transfer) => [transfer.id, transfer]));
  return [...unique.values()].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}
