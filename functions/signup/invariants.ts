import type { ActivityRecord, RegistrationRecord } from './model';

/** Everything stored for one activity, read back consistently. */
export interface ActivitySnapshot {
  activity: ActivityRecord;
  registrations: RegistrationRecord[];
  waitEntries: Array<{ ticket: string; userId: string }>;
}

export interface InvariantCheck {
  rule: string;
  holds: boolean;
}

const byTicket = (a: RegistrationRecord, b: RegistrationRecord) => (a.waitTicket ?? '').localeCompare(b.waitTicket ?? '');

/**
 * What must hold for an activity whatever happened concurrently, judged from the registrations themselves
 * (the counters are checked against them, never trusted): used by the benchmark and the tests.
 */
export function signupInvariants({ activity, registrations, waitEntries }: ActivitySnapshot): InvariantCheck[] {
  const confirmed = registrations.filter((r) => r.status === 'confirmed');
  const waiting = registrations.filter((r) => r.status === 'waitlisted').sort(byTicket);
  const promoted = registrations.filter((r) => r.promotedAt && r.waitTicket);
  const entries = [...waitEntries].sort((a, b) => a.ticket.localeCompare(b.ticket));
  return [
    { rule: `confirmed registrations ${confirmed.length} ≤ capacity ${activity.capacity}`, holds: confirmed.length <= activity.capacity },
    { rule: `seat counter ${activity.confirmedCount} = confirmed registrations ${confirmed.length}`, holds: activity.confirmedCount === confirmed.length },
    {
      rule: `waitlist counter ${activity.waitlistCount} = waiting registrations ${waiting.length} = waitlist entries ${entries.length}`,
      holds: activity.waitlistCount === waiting.length && waiting.length === entries.length,
    },
    { rule: `waiting registrations ${waiting.length} ≤ waitlist size ${activity.waitlistSize}`, holds: waiting.length <= activity.waitlistSize },
    {
      rule: 'the waitlist entries are exactly the waiting registrations, in ticket order',
      holds: entries.every((entry, i) => entry.userId === waiting[i]?.userId && entry.ticket === waiting[i]?.waitTicket),
    },
    { rule: 'nobody waits while a seat is free', holds: waiting.length === 0 || confirmed.length === activity.capacity },
    {
      rule: `promotions followed the queue (${promoted.length} promoted, each ahead of everyone still waiting)`,
      holds: waiting.length === 0 || promoted.every((p) => p.waitTicket! < waiting[0]!.waitTicket!),
    },
    { rule: 'one registration per member', holds: new Set(registrations.map((r) => r.userId)).size === registrations.length },
  ];
}
