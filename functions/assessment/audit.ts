import { randomUUID } from 'node:crypto';
import type { AssessmentAuditEntry } from '../../shared/api/assessment';
import type { Caller } from '../../shared/runtime/session';
import type { NewAudit } from './store';

/** An audit entry of a change by the caller: who, when, what, and the value before and after as text. */
export function auditOf(caller: Caller, action: AssessmentAuditEntry['action'], target: string, before: unknown, after: unknown, now: Date): NewAudit {
  const text = (value: unknown) => (value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value));
  return { id: randomUUID(), at: now.toISOString(), who: caller.userId, whoName: caller.name, action, target, before: text(before), after: text(after) };
}
