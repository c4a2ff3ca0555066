import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  DEFAULT_DUES_RULES,
  duesRulesSchema,
  type Bill,
  type DuesRules,
  type Hardship,
  type PaymentAnomaly,
  type PaymentMethod,
  type PublicSummary,
} from '../../shared/api/dues';
import type { Member, OrgUnit } from '../../shared/api/identity-model';
import { branchMembers as directoryBranchMembers, memberPage, memberProfile } from '../../shared/runtime/member-directory';
import { db, tableName } from '../../shared/runtime/db';
import { batchGet, cancellationReasons, isConditionFailure, putIfAbsent, queryAll, transactWrite, type Item } from '../../shared/runtime/db-helpers';
import { outboxPut, type Notice } from '../../shared/runtime/outbound';
import { keys } from '../../shared/runtime/table';
import { duesIndex, duesKeys } from './keys';
import type { TransactItem } from '../../shared/runtime/hash-chain';
import type { LedgerRef } from './ledger';
import { yearOf } from './months';

/** The one module (with ledger.ts for the ledger) that knows how dues live in DynamoDB. */

const strip = <T>(item: Item): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, type: _type, ttl: _ttl, ...rest } = item;
  return rest as T;
};

// ---- members and organisation (owned by identity, read here through the shared key design) ------

export type MemberRef = Pick<Member, 'userId' | 'name' | 'branchId' | 'category' | 'roles' | 'admittedMonth'>;

const toMemberRef = (item: Item): MemberRef => {
  const { userId, name, branchId, category, roles, admittedMonth } = item as unknown as MemberRef;
  return { userId, name, branchId, category, roles: roles ?? [], ...(admittedMonth ? { admittedMonth } : {}) };
};

export const getMemberRef = (userId: string): Promise<MemberRef | undefined> => memberProfile(userId);
export const branchMembers = (branchId: string): Promise<MemberRef[]> => directoryBranchMembers(branchId);

/** Many members at once (a bases file names thousands). */
export async function getMemberRefs(userIds: string[]): Promise<Map<string, MemberRef>> {
  const items = await batchGet([...new Set(userIds)].map((id) => keys.member(id)));
  return new Map(items.map((item) => [String(item.userId), toMemberRef(item)]));
}

/** Every member, page by page (jobs only: bill generation, checkpoint recipients). */
export async function* allMemberPages(pageSize = 500): AsyncGenerator<MemberRef[]> {
  let after: Item | undefined;
  do {
    const page = await memberPage(after, pageSize);
    yield page.members;
    after = page.next;
  } while (after);
}

export async function listBranches(): Promise<OrgUnit[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'ORGS' } });
  return items
    .map((item) => ({ id: String(item.id), kind: item.kind as OrgUnit['kind'], name: String(item.name), ...(item.parentId ? { parentId: String(item.parentId) } : {}) }))
    .filter((unit) => unit.kind === 'branch')
    .sort((a, b) => a.id.localeCompare(b.id));
}

// ---- rules -------------------------------------------------------------------------------------

/** Rules change about once a year: each Lambda copy keeps them a minute (and forgets them when it sets them). */
const RULES_TTL_MS = 60_000;
let cachedRules: { table: string; rules: DuesRules; until: number } | undefined;

export async function getRules(): Promise<DuesRules> {
  if (cachedRules && cachedRules.table === tableName() && cachedRules.until > Date.now()) return cachedRules.rules;
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.rules() }));
  const parsed = duesRulesSchema.safeParse(Item?.rules);
  const rules = parsed.success ? parsed.data : DEFAULT_DUES_RULES;
  cachedRules = { table: tableName(), rules, until: Date.now() + RULES_TTL_MS };
  return rules;
}

export async function putRules(rules: DuesRules, setBy: string, at: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...duesKeys.rules(), type: 'dues-rules', rules, setBy, setAt: at.toISOString() } }));
  cachedRules = undefined;
}

// ---- bases and hardships -----------------------------------------------------------------------

export interface StoredBase {
  userId: string;
  name: string;
  branchId: string;
  effectiveMonth: string;
  kind: 'wage' | 'pension' | 'fixed';
  baseFen?: number;
  fixedClass?: 'low-income' | 'farmer';
  note?: string;
  setBy: string;
  setAt: string;
}

const baseItem = (base: StoredBase): Item => ({
  ...duesKeys.base(base.userId, base.effectiveMonth),
  type: 'dues-base',
  gsi1pk: duesIndex.bases(base.branchId),
  gsi1sk: `${base.effectiveMonth}#${base.userId}`,
  ...base,
});

/** Writes bases in transactions of at most 100, so each chunk lands whole or not at all. */
export async function putBases(bases: StoredBase[]): Promise<void> {
  for (let start = 0; start < bases.length; start += 100) {
    const chunk = bases.slice(start, start + 100);
    await db().send(new TransactWriteCommand({ TransactItems: chunk.map((base) => ({ Put: { TableName: tableName(), Item: baseItem(base) } })) }));
  }
}

export async function branchBases(branchId: string): Promise<StoredBase[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': duesIndex.bases(branchId) } });
  return items.map((item) => strip<StoredBase>(item));
}

/** What a member's dues are computed from: their bases (every year) and hardship reductions. */
export async function memberDuesInputs(userId: string): Promise<{ bases: StoredBase[]; hardships: Hardship[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk < :end',
    ExpressionAttributeValues: { ':pk': duesKeys.memberPartition(userId), ':end': 'I' },
  });
  return {
    bases: items.filter((item) => String(item.sk).startsWith('BASE#')).map((item) => strip<StoredBase>(item)),
    hardships: items.filter((item) => String(item.sk).startsWith('HARDSHIP#')).map((item) => strip<Hardship>(item)),
  };
}

export const putHardshipItem = (hardship: Hardship): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...duesKeys.hardship(hardship.userId, hardship.fromMonth, hardship.id),
      type: 'dues-hardship',
      gsi1pk: duesIndex.hardships(hardship.branchId),
      gsi1sk: `${hardship.fromMonth}#${hardship.userId}`,
      ...hardship,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export async function branchHardships(branchId: string): Promise<Hardship[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': duesIndex.hardships(branchId) },
    ScanIndexForward: false,
  });
  return items.map((item) => strip<Hardship>(item));
}

// ---- bills -------------------------------------------------------------------------------------

function billItem(bill: Bill): Item {
  return {
    ...duesKeys.bill(bill.userId, bill.month),
    type: 'dues-bill',
    gsi1pk: duesIndex.bills(bill.branchId, yearOf(bill.month)),
    gsi1sk: `${bill.month}#${bill.userId}`,
    ...(bill.status === 'unpaid' ? { gsi2pk: duesIndex.unpaid(bill.branchId), gsi2sk: `${bill.month}#${bill.userId}` } : {}),
    ...bill,
  };
}

const toBill = (item: Item): Bill => {
  const { openOrder: _open, ...bill } = strip<Bill & { openOrder?: unknown }>(item);
  return bill;
};

/** Creates a member's bill for a month unless it exists: however often the job runs, one bill. */
export async function createBill(bill: Bill): Promise<boolean> {
  return putIfAbsent(billItem(bill));
}

/**
 * Creates many bills, each exactly once: the ones already there are skipped (read in batches), the rest are
 * written in conditional transactions of 100; if another copy of the job wins a race on one, that chunk falls
 * back to one conditional Put per bill.
 */
export async function createBills(bills: Bill[]): Promise<{ created: number; existing: number }> {
  const existingKeys = new Set((await batchGet(bills.map((bill) => duesKeys.bill(bill.userId, bill.month)))).map((item) => `${item.userId}#${item.month}`));
  const missing = bills.filter((bill) => !existingKeys.has(`${bill.userId}#${bill.month}`));
  let created = 0;
  for (let start = 0; start < missing.length; start += 100) {
    const chunk = missing.slice(start, start + 100);
    try {
      await db().send(new TransactWriteCommand({ TransactItems: chunk.map(createBillItem) }));
      created += chunk.length;
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
      for (const bill of chunk) if (await createBill(bill)) created += 1;
    }
  }
  return { created, existing: bills.length - created };
}

export async function getBill(userId: string, month: string): Promise<(Bill & { openOrder?: OpenOrder }) | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.bill(userId, month), ConsistentRead: true }));
  return Item ? { ...toBill(Item), ...(Item.openOrder ? { openOrder: Item.openOrder as OpenOrder } : {}) } : undefined;
}

export async function getBills(userId: string, months: string[]): Promise<Map<string, Bill>> {
  const items = await batchGet(months.map((month) => duesKeys.bill(userId, month)));
  return new Map(items.map((item) => [String(item.month), toBill(item)]));
}

export async function billsOf(userId: string, year: number): Promise<Bill[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': duesKeys.memberPartition(userId), ':from': `MONTH#${year}-01`, ':to': `MONTH#${year}-12` },
  });
  return items.map(toBill);
}

export async function branchBills(branchId: string, year: number): Promise<Bill[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': duesIndex.bills(branchId, year) } });
  return items.map(toBill);
}

export async function unpaidBills(branchId: string): Promise<Bill[]> {
  const items = await queryAll({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': duesIndex.unpaid(branchId) } });
  return items.map(toBill);
}

export interface Settlement {
  paidAt: string;
  paidFen: number;
  voluntaryFen: number;
  paidVia: PaymentMethod;
  paidBy: string;
  /** The ledger entry that paid it. */
  ledger: LedgerRef;
}

/** How a bill, hardship or claimed request names its ledger entry: `ledgerSeq`, and `ledgerChain` unless in the retired chain. */
const refAttributes = (ref: LedgerRef) => ({ ledgerSeq: ref.seq, ...(ref.chain === undefined ? {} : { ledgerChain: ref.chain }) });
const refFrom = (item: Item): LedgerRef => ({ seq: Number(item.ledgerSeq), ...(item.ledgerChain === undefined ? {} : { chain: String(item.ledgerChain) }) });

/** Marks an unpaid bill of the expected amount paid; it leaves the sparse unpaid index. */
export function settleBillItem(bill: Pick<Bill, 'userId' | 'month' | 'amountFen'>, settlement: Settlement): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: duesKeys.bill(bill.userId, bill.month),
      UpdateExpression:
        `SET #status = :paid, paidAt = :at, paidFen = :fen, voluntaryFen = :voluntary, paidVia = :via, paidBy = :by, ledgerSeq = :seq${settlement.ledger.chain === undefined ? '' : ', ledgerChain = :chain'} REMOVE gsi2pk, gsi2sk, openOrder`,
      ConditionExpression: '#status = :unpaid AND amountFen = :amount',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':paid': 'paid',
        ':unpaid': 'unpaid',
        ':amount': bill.amountFen,
        ':at': settlement.paidAt,
        ':fen': settlement.paidFen,
        ':voluntary': settlement.voluntaryFen,
        ':via': settlement.paidVia,
        ':by': settlement.paidBy,
        ':seq': settlement.ledger.seq,
        ...(settlement.ledger.chain === undefined ? {} : { ':chain': settlement.ledger.chain }),
      },
    },
  };
}

/** Creates a bill (e.g. one paid ahead, quarterly, before the job created it) unless it exists. */
export function createBillItem(bill: Bill): TransactItem {
  return { Put: { TableName: tableName(), Item: billItem(bill), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** A hardship reduction changes an unpaid bill's amount (or exempts it), only if nobody paid or changed it meanwhile. */
export function reduceBillItem(bill: Bill, amountFen: number, hardship: { approvalRef: string; monthlyAmountFen: number }): TransactItem {
  const status = amountFen === 0 ? 'exempt' : 'unpaid';
  return {
    Update: {
      TableName: tableName(),
      Key: duesKeys.bill(bill.userId, bill.month),
      UpdateExpression: `SET amountFen = :amount, #status = :status, computation.hardship = :hardship${status === 'exempt' ? ' REMOVE gsi2pk, gsi2sk, openOrder' : ' REMOVE openOrder'}`,
      ConditionExpression: '#status = :unpaid AND amountFen = :old',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':amount': amountFen, ':status': status, ':hardship': hardship, ':unpaid': 'unpaid', ':old': bill.amountFen },
    },
  };
}

/** A reversal puts a paid bill back to unpaid (into the unpaid index again), only if that payment still stands. */
export function reopenBillItem(bill: Bill, paidBy: LedgerRef): TransactItem {
  const sameChain = paidBy.chain === undefined ? 'attribute_not_exists(ledgerChain)' : 'ledgerChain = :chain';
  return {
    Update: {
      TableName: tableName(),
      Key: duesKeys.bill(bill.userId, bill.month),
      UpdateExpression: 'SET #status = :unpaid, gsi2pk = :gpk, gsi2sk = :gsk REMOVE paidAt, paidFen, voluntaryFen, paidVia, paidBy, ledgerSeq, ledgerChain',
      ConditionExpression: `#status = :paid AND ledgerSeq = :seq AND ${sameChain}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':unpaid': 'unpaid',
        ':paid': 'paid',
        ':seq': paidBy.seq,
        ...(paidBy.chain === undefined ? {} : { ':chain': paidBy.chain }),
        ':gpk': duesIndex.unpaid(bill.branchId),
        ':gsk': `${bill.month}#${bill.userId}`,
      },
    },
  };
}

/** A bill as created already paid by a ledger entry (the demo's history). */
export const paidBy = (ledger: LedgerRef) => refAttributes(ledger);

// ---- payment orders and anomalies --------------------------------------------------------------

/** `mismatch` only on orders settled before a wrong amount stopped closing the order. */
export type OrderStatus = 'created' | 'paid' | 'paid-duplicate' | 'mismatch';

export interface PaymentOrder {
  outTradeNo: string;
  userId: string;
  branchId: string;
  payerId: string;
  month: string;
  dueFen: number;
  voluntaryFen: number;
  amountFen: number;
  prepayId: string;
  mode: 'wechatpay' | 'local-simulator';
  status: OrderStatus;
  createdAt: string;
  transactionId?: string;
  settledAt?: string;
}

export interface OpenOrder {
  outTradeNo: string;
  amountFen: number;
  prepayId: string;
  mode: 'wechatpay' | 'local-simulator';
  createdAt: string;
}

export async function putOrder(order: PaymentOrder): Promise<void> {
  await db().send(
    new PutCommand({ TableName: tableName(), Item: { ...duesKeys.order(order.outTradeNo), type: 'dues-order', ...order }, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

/** Remembers the bill's open order so a second tap on "pay" reuses it instead of opening another. */
export async function rememberOpenOrder(userId: string, month: string, open: OpenOrder): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: duesKeys.bill(userId, month),
      UpdateExpression: 'SET openOrder = :open',
      ConditionExpression: '#status = :unpaid',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':open': open, ':unpaid': 'unpaid' },
    }),
  );
}

export async function getOrder(outTradeNo: string): Promise<PaymentOrder | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.order(outTradeNo), ConsistentRead: true }));
  return Item ? strip<PaymentOrder>(Item) : undefined;
}

/** Settles a created order exactly once: a second notification finds it settled and changes nothing. */
export function settleOrderItem(outTradeNo: string, status: Exclude<OrderStatus, 'created'>, transactionId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: duesKeys.order(outTradeNo),
      UpdateExpression: 'SET #status = :status, transactionId = :tx, settledAt = :at',
      ConditionExpression: '#status = :created',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ':tx': transactionId, ':at': at, ':created': 'created' },
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CONFLICT_ATTEMPTS = 6;

/**
 * Real DynamoDB refuses a single-item write that meets an ongoing transaction on the same item with
 * TransactionConflictException (retryable; DynamoDB Local mostly serialises instead): a few tries with full
 * jitter, then the error goes up (a notification is then refused, and WeChat Pay sends it again).
 */
async function retryingConflicts<T>(write: () => Promise<T>, attempts = CONFLICT_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if ((error as Error).name !== 'TransactionConflictException' || attempt >= attempts) throw error;
      await pause(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
  }
}

export async function settleOrder(outTradeNo: string, status: Exclude<OrderStatus, 'created'>, transactionId: string, at: string): Promise<boolean> {
  try {
    await retryingConflicts(() => db().send(new UpdateCommand(settleOrderItem(outTradeNo, status, transactionId, at).Update!)));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Records an anomaly once per WeChat Pay transaction, however often its notification arrives, together with
 * its notice to finance in the outbox (one transaction: both or neither). False when it was already recorded.
 */
export async function recordAnomaly(anomaly: PaymentAnomaly, notice: Notice | undefined, now: Date): Promise<boolean> {
  const put = {
    TableName: tableName(),
    Item: { ...duesKeys.anomaly(anomaly.transactionId), type: 'dues-anomaly', gsi1pk: duesIndex.anomalies, gsi1sk: anomaly.at, ...anomaly },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  try {
    if (notice) await transactWrite([{ Put: put }, { Put: outboxPut(notice, now) }], CONFLICT_ATTEMPTS);
    else await retryingConflicts(() => db().send(new PutCommand(put)));
    return true;
  } catch (error) {
    if (isConditionFailure(error) || cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

export async function listAnomalies(): Promise<PaymentAnomaly[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': duesIndex.anomalies },
    ScanIndexForward: false,
  });
  // Anomalies recorded before refunds were tracked have no status: every one of them is money to refund.
  return items.map((item) => {
    const anomaly = strip<PaymentAnomaly>(item);
    return { ...anomaly, status: anomaly.status ?? 'refund-needed' };
  });
}

// ---- retried requests, reversals, summaries ----------------------------------------------------

const REQUEST_TTL_SECONDS = 30 * 24 * 3600;

/** Claims a client request id inside the transaction that does its work: a retry finds it taken. */
export function claimRequestItem(callerId: string, clientRequestId: string, ledger: LedgerRef, at: Date): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...duesKeys.request(callerId, clientRequestId),
        type: 'dues-request',
        ...refAttributes(ledger),
        at: at.toISOString(),
        ttl: Math.floor(at.getTime() / 1000) + REQUEST_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function claimedRequest(callerId: string, clientRequestId: string): Promise<LedgerRef | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.request(callerId, clientRequestId), ConsistentRead: true }));
  return Item ? refFrom(Item) : undefined;
}

/** An entry can be reversed once: the marker's key is the reversed entry's (chain and sequence). */
export const markReversedItem = (reversed: LedgerRef, by: LedgerRef): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...duesKeys.reversal(reversed.chain, reversed.seq), type: 'dues-reversal', seq: reversed.seq, bySeq: by.seq, ...(by.chain === undefined ? {} : { byChain: by.chain }) },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export async function putSummary(summary: PublicSummary): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...duesKeys.summary(summary.branchId, summary.year), type: 'dues-summary', ...summary } }));
}

export async function getSummary(branchId: string, year: number): Promise<PublicSummary | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.summary(branchId, year) }));
  return Item ? strip<PublicSummary>(Item) : undefined;
}

// ---- local stage only: the simulator's key material ---------------------------------------------

export async function getLocalPayKeys<T>(): Promise<T | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.localPayKeys(), ConsistentRead: true }));
  return Item ? (Item.keys as T) : undefined;
}

export async function putLocalPayKeysIfAbsent<T>(value: T): Promise<boolean> {
  return putIfAbsent({ ...duesKeys.localPayKeys(), type: 'dev', keys: value });
}

const DEMO_MARKER = { pk: 'DEV#DUES-DEMO', sk: 'SEEDED' };

export async function duesDemoSeeded(): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: DEMO_MARKER, ConsistentRead: true }));
  return Item !== undefined;
}

export async function markDuesDemoSeeded(at: Date): Promise<void> {
  await putIfAbsent({ ...DEMO_MARKER, type: 'dev', at: at.toISOString() });
}
