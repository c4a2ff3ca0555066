import type { RecordHistory } from '../../shared/api/membership';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { managesBranch } from './access';
import { verifiedHistory } from './record-chain';
import { getRecord } from './store';

/**
 * A person's record chain, verified: to the person themselves, and to the secretaries of the branch that holds
 * their record (and admins). Anyone else is told there is no such person, as for the record itself (404).
 */
export async function recordHistory(caller: Caller, personId: string): Promise<RecordHistory> {
  if (personId !== caller.userId) {
    const record = await getRecord(personId);
    if (!record || !(record.userId === caller.userId || managesBranch(caller, record.branchId))) throw new AppError(404, 'PERSON_NOT_FOUND');
  }
  return verifiedHistory(personId);
}
