import { TZDate } from '@date-fns/tz';
import { queryAll } from '../../shared/runtime/db-helpers';
import { duesIndex } from './keys';

/**
 * The dues capability's read for the party-building assessment (functions/assessment): how many of a branch's
 * bills of some months were due, and how many were paid by the end of their own month (Asia/Shanghai). Exempt
 * bills are due nothing and are left out. Read-only, through the bills index of this capability's key design.
 */
export async function duesPaidOnTime(branchId: string, months: readonly string[]): Promise<{ due: number; onTime: number }> {
  const years = [...new Set(months.map((month) => Number(month.slice(0, 4))))];
  let due = 0;
  let onTime = 0;
  for (const year of years) {
    const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': duesIndex.bills(branchId, year) } });
    for (const bill of items) {
      if (!months.includes(String(bill.month)) || bill.status === 'exempt') continue;
      due += 1;
      if (bill.status === 'paid' && typeof bill.paidAt === 'string' && shanghaiMonth(bill.paidAt) <= String(bill.month)) onTime += 1;
    }
  }
  return { due, onTime };
}

const shanghaiMonth = (instant: string) => {
  const local = new TZDate(Date.parse(instant), 'Asia/Shanghai');
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
};
