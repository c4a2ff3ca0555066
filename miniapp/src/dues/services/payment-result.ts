import { duesApi } from '@shared/api';
import { callAndCache } from '../../services/cache';
import { announceChange } from '../../services/freshness';

/** Cache name of a year's bills, shared by the dues list and the payment flow. */
export const billsCacheName = (year: number) => `dues.bills.${year}`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until WeChat Pay's notification has marked the month paid (the app never marks a bill paid itself).
 * The fresh bills replace the phone's copy and every open page showing them is told, so the dues list says
 * 已缴纳 when the member goes back to it. False when it is still unconfirmed after the last attempt.
 */
export async function awaitPaidBill(month: string, attempts = 10, intervalMs = 1500): Promise<boolean> {
  const year = Number(month.slice(0, 4));
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const { bills } = await callAndCache(duesApi.listBills, billsCacheName(year), { query: { year } });
    if (bills.find((bill) => bill.month === month)?.status === 'paid') {
      announceChange('dues.bills.');
      return true;
    }
    if (attempt < attempts - 1) await pause(intervalMs);
  }
  return false;
}
