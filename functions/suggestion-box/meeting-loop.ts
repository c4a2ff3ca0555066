import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { assertHandles } from './access';
import { answerSuggestion } from './reply';
import { getSuggestion } from './suggestion-items';

/**
 * What organisation life may do with the suggestion box, and nothing more: a handler puts a suggestion on a
 * meeting's agenda (it learns the title, never the author), and when the resolution's follow-up task is done the
 * suggestion is answered through the box's own reply path — a named author gets their notice, an anonymous one
 * is told through the branch-wide notice that names nobody.
 */

export interface AgendaSuggestion {
  id: string;
  title: string;
  branchId: string;
}

/** A suggestion the caller handles and that still awaits an answer. */
export async function suggestionForAgenda(caller: Caller, id: string): Promise<AgendaSuggestion> {
  const current = await getSuggestion(id);
  if (!current) throw new AppError(404, 'SUGGESTION_NOT_FOUND');
  assertHandles(caller, current.branchId);
  if (current.status !== 'open' && current.status !== 'in_progress') throw new AppError(409, 'SUGGESTION_NOT_REPLIABLE');
  return { id: current.id, title: current.title, branchId: current.branchId };
}

/**
 * Answers a suggestion of `branchId` with what the meeting decided and did. Organisation life has checked that
 * the suggestion was put on the agenda of one of that branch's meetings by its handler; `actor` is whoever
 * closed the task. Returns false when the suggestion is gone or already answered (nothing is changed then).
 */
export async function answerFromMeeting(branchId: string, id: string, actor: Pick<Caller, 'userId' | 'name'>, text: string, now = new Date()): Promise<boolean> {
  const current = await getSuggestion(id);
  if (!current || current.branchId !== branchId) return false;
  if (current.status !== 'open' && current.status !== 'in_progress') return false;
  await answerSuggestion(current, actor, text, now);
  return true;
}
