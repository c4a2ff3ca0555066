import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Deadline } from '../../shared/api/membership-model';
import { db, tableName } from '../../shared/runtime/db';
import { batchGet, isConditionFailure, queryAll, transactWrite, type Item } from '../../shared/runtime/db-helpers';
import { membershipIndex, membershipKeys } from './keys';
import type { PersonRecord, TransferRecord } from './model';

/** The only module of the membership capability that knows DynamoDB. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const strip = <T>(item: Item): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _type, ...rest } = item;
  return rest as T;
};

// ---- person records ----------------------------------------------------------------------------

function recordItem(record: PersonRecord, deadline: Deadline | undefined): Item {
  return {
    ...membershipKeys.record(record.personId),
    type: 'membership-record',
    gsi1pk: membershipIndex.branchRecords(record.branchId),
    gsi1sk: record.personId,
    ...(deadline ? { gsi2pk: membershipIndex.deadlines, gsi2sk: `${deadline.due}#${record.personId}`, nextDeadline: deadline } : {}),
    ...record,
  };
}

export async function getRecord(personId: string): Promise<(PersonRecord & { nextDeadline?: Deadline }) | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: membershipKeys.record(personId), ConsistentRead: true }));
  return Item ? strip<PersonRecord & { nextDeadline?: Deadline }>(Item) : undefined;
}

/** A new record, unless the person has one (for the record chain's transaction: record-chain.ts). */
export const createRecordAction = (record: PersonRecord, deadline: Deadline | undefined): TransactItem => ({
  Put: { TableName: tableName(), Item: recordItem(record, deadline), ConditionExpression: 'attribute_not_exists(pk)' },
});

/** The whole record rewritten with its new steps, only if nobody wrote it since it was read (version). */
export const replaceRecordAction = (record: PersonRecord, readVersion: number, deadline: Deadline | undefined): TransactItem => ({
  Put: { TableName: tableName(), Item: recordItem(record, deadline), ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } },
});

export async function branchRecords(branchId: string): Promise<Array<PersonRecord & { nextDeadline?: Deadline }>> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': membershipIndex.branchRecords(branchId) } });
  return items.map((item) => strip<PersonRecord & { nextDeadline?: Deadline }>(item));
}

/** Records whose earliest running limit falls on or before `until` (the reminder job's window). */
export async function recordsDueBy(until: string): Promise<Array<PersonRecord & { nextDeadline: Deadline }>> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :until',
    ExpressionAttributeValues: { ':pk': membershipIndex.deadlines, ':until': `${until}#\uffff` },
  });
  return items.map((item) => strip<PersonRecord & { nextDeadline: Deadline }>(item));
}

// ---- whole-ID reads (audit) --------------------------------------------------------------------

export interface IdRead {
  personId: string;
  readerId: string;
  readerName: string;
  purpose: string;
  at: string;
}

/** Written before the number is returned: no audit entry, no number. */
export async function auditIdRead(read: IdRead): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...membershipKeys.idRead(read.personId, read.at, randomUUID()), type: 'membership-id-read', gsi1pk: membershipIndex.idReads, gsi1sk: `${read.at}#${read.personId}`, ...read },
    }),
  );
}

export async function idReadsOf(personId: string): Promise<IdRead[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :read)',
    ExpressionAttributeValues: { ':pk': membershipKeys.personPartition(personId), ':read': 'IDREAD#' },
    ScanIndexForward: false,
  });
  return items.map((item) => strip<IdRead>(item));
}

// ---- transfers ---------------------------------------------------------------------------------

function transferItem(transfer: TransferRecord): Item {
  return {
    ...membershipKeys.transfer(transfer.id),
    type: 'membership-transfer',
    gsi1pk: membershipIndex.outgoing(transfer.fromBranchId),
    gsi1sk: `${transfer.requestedAt}#${transfer.id}`,
    ...(transfer.toBranchId ? { gsi2pk: membershipIndex.incoming(transfer.toBranchId), gsi2sk: `${transfer.requestedAt}#${transfer.id}` } : {}),
    ...transfer,
  };
}

export async function getTransfer(id: string): Promise<TransferRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: membershipKeys.transfer(id), ConsistentRead: true }));
  return Item ? strip<TransferRecord>(Item) : undefined;
}

/**
 * A new transfer, its entry in the member's partition and the member's open-transfer lock, for one transaction
 * (with the request's record chain entry): a member has at most one transfer in progress. The transfer's Put
 * fails when the same request already created it, the lock's when another transfer is in progress.
 */
export function createTransferActions(transfer: TransferRecord): { actions: TransactItem[]; transferIndex: number } {
  return {
    actions: [
      { Put: { TableName: tableName(), Item: transferItem(transfer), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: { ...membershipKeys.openTransfer(transfer.userId), transferId: transfer.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: tableName(), Item: { ...membershipKeys.memberTransfer(transfer.userId, transfer.requestedAt, transfer.id), transferId: transfer.id } } },
    ],
    transferIndex: 0,
  };
}

/** The transfer rewritten under the condition that its status is still the one read; extra items in the same transaction. */
export function transferPutAction(transfer: TransferRecord, fromStatus: TransferRecord['status']): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: transferItem(transfer),
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':from': fromStatus },
    },
  };
}

export const releaseLockAction = (userId: string): TransactItem => ({ Delete: { TableName: tableName(), Key: membershipKeys.openTransfer(userId) } });

export async function branchTransfers(branchId: string): Promise<TransferRecord[]> {
  const [outgoing, incoming] = await Promise.all([
    queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': membershipIndex.outgoing(branchId) }, ScanIndexForward: false }),
    queryAll({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': membershipIndex.incoming(branchId) }, ScanIndexForward: false }),
  ]);
  return [...outgoing, ...incoming].map((item) => strip<TransferRecord>(item));
}

export async function memberTransfers(userId: string): Promise<TransferRecord[]> {
  const entries = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :transfer)',
    ExpressionAttributeValues: { ':pk': membershipKeys.personPartition(userId), ':transfer': 'TRANSFER#' },
  });
  const found = await batchGet(entries.map((entry) => membershipKeys.transfer(String(entry.transferId))));
  return found.map((item) => strip<TransferRecord>(item));
}

/** The next letter number of a year (介绍信 numbers run per year: 2026-0001, …). */
export async function nextLetterNumber(year: string): Promise<number> {
  const reply = await db().send(
    new UpdateCommand({ TableName: tableName(), Key: membershipKeys.letterCounter(year), UpdateExpression: 'ADD lastNumber :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }),
  );
  return Number(reply.Attributes?.lastNumber);
}

// ---- mobile members ----------------------------------------------------------------------------

export interface MobileRegistration {
  id: string;
  userId: string;
  name: string;
  branchId: string;
  place: string;
  takesPartIn: string;
  from: string;
  until: string;
  registeredBy: string;
  registeredAt: string;
}

/** Idempotent: the id comes from the request, so a repeated request writes the same item once. */
export async function putMobile(registration: MobileRegistration): Promise<MobileRegistration> {
  const key = membershipKeys.mobile(registration.userId, registration.from, registration.id);
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key, type: 'membership-mobile', gsi1pk: membershipIndex.mobile(registration.branchId), gsi1sk: `${registration.from}#${registration.id}`, ...registration },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return registration;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key }));
    return strip<MobileRegistration>(Item!);
  }
}

export async function branchMobile(branchId: string): Promise<MobileRegistration[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': membershipIndex.mobile(branchId) }, ScanIndexForward: false });
  return items.map((item) => strip<MobileRegistration>(item));
}

// ---- card generations --------------------------------------------------------------------------

export async function cardGeneration(userId: string): Promise<number> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: membershipKeys.card(userId) }));
  return Number(Item?.gen ?? 0);
}

/** Moves a member's card on: every card signed before states an older generation and fails online checks. */
export const bumpCardAction = (userId: string, at: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: membershipKeys.card(userId),
    UpdateExpression: 'ADD gen :one SET changedAt = :at',
    ExpressionAttributeValues: { ':one': 1, ':at': at },
  },
});

export async function bumpCard(userId: string, at: string): Promise<number> {
  const action = bumpCardAction(userId, at).Update!;
  const reply = await db().send(new UpdateCommand({ ...action, ReturnValues: 'UPDATED_NEW' }));
  return Number(reply.Attributes?.gen);
}

/** Moves a person's record to another branch (an accepted transfer), while it is still in the sending one. */
export const moveRecordAction = (personId: string, fromBranchId: string, toBranchId: string): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: membershipKeys.record(personId),
    // The version moves on, so a step written from a copy read before the move cannot put the old branch back.
    UpdateExpression: 'SET branchId = :to, gsi1pk = :index ADD version :one',
    ConditionExpression: 'branchId = :from',
    ExpressionAttributeValues: { ':from': fromBranchId, ':to': toBranchId, ':index': membershipIndex.branchRecords(toBranchId), ':one': 1 },
  },
});
