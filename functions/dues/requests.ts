import { AlongsideConditionFailed, type LedgerRef } from './ledger';
import { claimedRequest } from './store';

/**
 * Runs a ledger-writing request once per client request id: a weak network's retry (before or during the
 * first attempt) answers what the first one did. `work` must put claimRequestItem first among its
 * alongside writes, so a lost race shows as AlongsideConditionFailed(0).
 */
export async function oncePerRequest<T>(callerId: string, clientRequestId: string, replay: (ledger: LedgerRef) => Promise<T>, work: () => Promise<T>): Promise<T> {
  const earlier = await claimedRequest(callerId, clientRequestId);
  if (earlier !== undefined) return replay(earlier);
  try {
    return await work();
  } catch (error) {
    if (error instanceof AlongsideConditionFailed && error.index === 0) {
      const raced = await claimedRequest(callerId, clientRequestId);
      if (raced !== undefined) return replay(raced);
    }
    throw error;
  }
}
