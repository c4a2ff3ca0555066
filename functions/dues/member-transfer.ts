import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../shared/runtime/db';
import { queryAll } from '../../shared/runtime/db-helpers';
import type { TableGrant } from '../../shared/runtime/deployment';
import { duesBranchEntries, duesKeys } from './keys';
import { yearOf } from './months';

/**
 * What the dues capability lets an organisation transfer (functions/membership) read and do, without it knowing
 * dues' keys: the month a member's dues are paid up to (the 介绍信's 党费交至) and the updates that move the
 * member's dues items to the receiving branch, for the transfer's own transaction.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Reads the member's own dues partition (bills, bases, hardships) and moves them: nothing else of dues. */
export const DUES_TRANSFER_ACCESS: TableGrant = { actions: ['dynamodb:Query', 'dynamodb:UpdateItem'], table: ['DUES#MEMBER#*'] };

interface MemberDuesItem {
  sk: string;
  branchId?: string;
  status?: string;
  month?: string;
  effectiveMonth?: string;
  fromMonth?: string;
}

async function memberDuesItems(userId: string): Promise<MemberDuesItem[]> {
  return (await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': duesKeys.memberPartition(userId) } })) as unknown as MemberDuesItem[];
}

/**
 * 党费交至: the month before the member's earliest unpaid bill; with none unpaid, the latest month paid (or exempt
 * by an approved hardship). Undefined when the member has no bill settled at all.
 */
export async function duesPaidUpTo(userId: string): Promise<string | undefined> {
  const bills = (await memberDuesItems(userId)).filter((item) => item.sk.startsWith('MONTH#') && item.month).sort((a, b) => a.month!.localeCompare(b.month!));
  const firstUnpaid = bills.findIndex((bill) => bill.status === 'unpaid');
  const settled = (firstUnpaid === -1 ? bills : bills.slice(0, firstUnpaid)).filter((bill) => bill.status === 'paid' || bill.status === 'exempt');
  return settled.at(-1)?.month;
}

/**
 * The updates that make the member's dues follow them to `toBranchId`: their bases and hardship reductions, every
 * unpaid bill (arrears go with the member), and the bills of the current year on (`fromYear`). Paid bills of earlier
 * years stay in the sending branch's accounts, which it has already published. Each update holds only while the
 * item is still in the sending branch.
 */
export async function duesMoveActions(userId: string, fromBranchId: string, toBranchId: string, fromYear: number): Promise<TransactItem[]> {
  const items = await memberDuesItems(userId);
  return items.flatMap((item): TransactItem[] => {
    if (item.branchId !== fromBranchId) return [];
    const key = { pk: duesKeys.memberPartition(userId), sk: item.sk };
    const base = { TableName: tableName(), Key: key, ConditionExpression: 'branchId = :from' };
    if (item.sk.startsWith('MONTH#') && item.month) {
      if (item.status !== 'unpaid' && yearOf(item.month) < fromYear) return [];
      const entries = duesBranchEntries.bill(toBranchId, yearOf(item.month), item.status === 'unpaid');
      return [{
        Update: {
          ...base,
          UpdateExpression: `SET branchId = :to, gsi1pk = :bills${entries.gsi2pk ? ', gsi2pk = :unpaid' : ''}`,
          ExpressionAttributeValues: { ':from': fromBranchId, ':to': toBranchId, ':bills': entries.gsi1pk, ...(entries.gsi2pk ? { ':unpaid': entries.gsi2pk } : {}) },
        },
      }];
    }
    const entries = item.sk.startsWith('BASE#') ? duesBranchEntries.base(toBranchId) : item.sk.startsWith('HARDSHIP#') ? duesBranchEntries.hardship(toBranchId) : undefined;
    if (!entries) return [];
    return [{ Update: { ...base, UpdateExpression: 'SET branchId = :to, gsi1pk = :entry', ExpressionAttributeValues: { ':from': fromBranchId, ':to': toBranchId, ':entry': entries.gsi1pk } } }];
  });
}

/** Whether an action moves a bill (for the transfer's summary of what followed the member). */
export const movesBill = (action: TransactItem) => String(action.Update?.Key?.sk ?? '').startsWith('MONTH#');
