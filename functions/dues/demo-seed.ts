import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Bill, DuesBaseKind } from '../../shared/api/dues';
import { db } from '../../shared/runtime/db';
import { billFor } from './bills';
import { AlongsideConditionFailed, appendEntries, putCheckpoint, verifyLedger, type LedgerDraft } from './ledger';
import { addMonths, shanghaiDay, shanghaiMonth } from './months';
import { countBranchFigures } from './reports';
import { allMemberPages, listBranches, createBill, createBillItem, duesDemoSeeded, getRules, markDuesDemoSeeded, putBases, type MemberRef, type StoredBase } from './store';

/** Demo finance officer who "took" the seeded offline payments (see scripts/local/demo-data.ts). */
const FINANCE = 'demo-finance';
/** A member left without a base, so finance sees who still needs one. */
const WITHOUT_BASE = 'm0005';
/** A member unpaid for six months in a row, so the branch secretary sees a flag. */
const LONG_ARREARS = 'm0018';
const DEMO_RANGER = 'demo-ranger';

/** A plausible monthly base in yuan, fixed per member so every start seeds the same figures. */
function demoBase(member: MemberRef, serial: number): { kind: DuesBaseKind; yuan: number } {
  if (member.userId === DEMO_RANGER) return { kind: 'wage', yuan: 4200 };
  if (member.category === 'retiree') return { kind: 'pension', yuan: 2800 + (serial % 9) * 350 };
  if (member.category === 'office') return { kind: 'wage', yuan: 4600 + (serial % 7) * 900 };
  return { kind: 'wage', yuan: 2600 + (serial % 8) * 300 };
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size));
}

/**
 * Demo dues, in a handful of writes (it runs for every test table too): a base for every member but one,
 * bills for the last three months (six for one member in long arrears), offline payments for most of the
 * older months appended to the real hash-chained ledger, and a checkpoint. Once: a second start keeps
 * everything, including whatever was paid or changed in the app since.
 */
export async function seedDuesDemo(now = new Date()): Promise<string> {
  if (await duesDemoSeeded()) return 'already seeded';
  const current = shanghaiMonth(now);
  const members: MemberRef[] = [];
  for await (const page of allMemberPages()) members.push(...page);
  members.sort((a, b) => a.userId.localeCompare(b.userId));
  const effectiveMonth = `${addMonths(current, -6).slice(0, 4)}-01`;
  const bases: StoredBase[] = members
    .filter((member) => member.userId !== WITHOUT_BASE)
    .map((member, serial) => {
      const { kind, yuan } = demoBase(member, serial);
      return { userId: member.userId, name: member.name, branchId: member.branchId, effectiveMonth, kind, baseFen: yuan * 100, setBy: FINANCE, setAt: `${effectiveMonth}-02T01:00:00.000Z` };
    });
  await putBases(bases);

  const rules = await getRules();
  const baseOf = new Map(bases.map((base) => [base.userId, base]));
  const older = [addMonths(current, -2), addMonths(current, -1)];
  const payments: Array<{ draft: LedgerDraft; bills: Bill[] }> = [];
  const unpaid: Bill[] = [];
  members.forEach((member, index) => {
    const base = baseOf.get(member.userId);
    const span = member.userId === LONG_ARREARS ? 6 : 3;
    const bills = Array.from({ length: span }, (_, back) => billFor(member, addMonths(current, back - span + 1), { bases: base ? [base] : [], hardships: [] }, rules, now))
      .flatMap((outcome) => (outcome.kind === 'bill' ? [outcome.bill] : []));
    const pays = member.userId === DEMO_RANGER || (member.userId !== LONG_ARREARS && member.category !== 'probationary' && index % 4 !== 3);
    const paidMonths = pays ? (member.userId === DEMO_RANGER ? older.slice(0, 1) : older) : [];
    const paid = bills.filter((bill) => paidMonths.includes(bill.month) && bill.status === 'unpaid');
    unpaid.push(...bills.filter((bill) => !paid.includes(bill)));
    if (paid.length === 0) return;
    const at = new Date(Date.parse(`${paid[paid.length - 1]!.month}-15T02:00:00.000Z`)).toISOString();
    payments.push({
      draft: {
        kind: 'offline-payment',
        at,
        userId: member.userId,
        branchId: member.branchId,
        months: paid.map((bill) => bill.month),
        amountFen: paid.reduce((sum, bill) => sum + bill.amountFen, 0),
        voluntaryFen: 0,
        toCentreFen: 0,
        method: member.category === 'retiree' ? 'cash' : 'transfer',
        recordedBy: FINANCE,
      },
      bills: paid.map((bill) => ({ ...bill, status: 'paid', paidAt: at, paidFen: bill.amountFen, voluntaryFen: 0, paidVia: member.category === 'retiree' ? 'cash' : 'transfer', paidBy: FINANCE })),
    });
  });

  for (const chunk of chunks(unpaid, 100)) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: chunk.map(createBillItem) }));
    } catch {
      // Partly there from an interrupted earlier run: create the rest one by one.
      for (const bill of chunk) await createBill(bill);
    }
  }
  for (const chunk of chunks(payments, 20)) {
    try {
      await appendEntries(
        chunk.map((payment) => payment.draft),
        (entries) => chunk.flatMap((payment, index) => payment.bills.map((bill) => createBillItem({ ...bill, ledgerSeq: entries[index]!.seq }))),
      );
    } catch (error) {
      if (!(error instanceof AlongsideConditionFailed)) throw error;
    }
  }
  const verification = await verifyLedger();
  // As if last night's checkpoint job had run: today's is left to the real job.
  const lastNight = new Date(now.getTime() - 24 * 3600_000);
  if (verification.ok) await putCheckpoint({ day: shanghaiDay(lastNight), count: verification.count, headHash: verification.headHash, at: lastNight.toISOString() });
  // As if last night's report job had run: finance's group report has figures on the first visit.
  const year = Number(shanghaiMonth(now).slice(0, 4));
  const branchIds = (await listBranches()).map((branch) => branch.id);
  for (const counted of [year - 1, year]) await countBranchFigures(counted, branchIds, lastNight);
  await markDuesDemoSeeded(now);
  return `${bases.length} bases, ${unpaid.length + payments.reduce((sum, payment) => sum + payment.bills.length, 0)} bills, ${payments.length} payments, ledger of ${verification.count} entries ${verification.ok ? 'verified' : 'BROKEN'}`;
}
