/**
 * Items of the sign-up capability in the one table (see shared/runtime/table.ts for the others).
 *
 * | item               | pk               | sk                              | gsi1pk / gsi1sk                                   | gsi2pk / gsi2sk         |
 * |--------------------|------------------|---------------------------------|---------------------------------------------------|-------------------------|
 * | activity           | ACTIVITY#<id>    | ACTIVITY                        | ACTIVITIES#ORGANISER#<branchId> / <startAt>#<id>  | ACTIVITIES / <startAt>#<id> |
 * | audience entry     | ACTIVITY#<id>    | AUDIENCE#<branchId or ALL>      | ACTIVITIES#FOR#<branchId or ALL> / <startAt>#<id> | –                       |
 * | registration       | ACTIVITY#<id>    | REG#<userId>                    | SIGNUPS#MEMBER#<userId> / <registeredAt>#<id>      | –                       |
 * | waitlist entry     | ACTIVITY#<id>    | WAIT#<ticket>                   | –                                                 | –                       |
 * | check-in attempts  | ACTIVITY#<id>    | CHECKIN-TRIES#<userId>#<window> | – (ttl: removed a day later)                      | –                       |
 *
 * The activity item carries the counters that make capacity safe: `confirmedCount`, `waitlistCount`,
 * `lastWaitSeq` (the newest waitlist ticket, so tickets only grow in commit order) and `changeSeq` (bumped by
 * every registration change, so cancelling an activity notifies exactly who is registered). Every change of
 * a registration updates it in the same transaction, under conditions — never read-then-write.
 * A waitlist ticket is `<16-digit sequence>#<userId>`: WAIT# items sort in the order members joined.
 *
 * Access patterns:
 * - activity with live counters: GetItem ACTIVITY#<id> / ACTIVITY (consistent)
 * - what a member may join: Query gsi1 ACTIVITIES#FOR#<branch> and ACTIVITIES#FOR#ALL by start, then BatchGet
 * - activities a branch organised (secretary) / all (admin): Query gsi1 ACTIVITIES#ORGANISER#<branch> / gsi2 ACTIVITIES
 * - a member's registrations, newest first: Query gsi1 SIGNUPS#MEMBER#<userId>
 * - an activity's registrations (roster, attendance, cancellation notice): Query ACTIVITY#<id>, begins_with REG#
 * - head of the waitlist / a member's place in it: Query ACTIVITY#<id> begins_with WAIT# (Limit 1 / COUNT up to ticket)
 * - branch attendance over a period: Query gsi1 ACTIVITIES#FOR#<branch> (and ALL) between the period's instants
 *
 * Hot items: one activity's item takes every seat change. DynamoDB allows about 1,000 writes/s on one item,
 * far above a branch's sign-up rate; concurrent transactions on it may be cancelled with TransactionConflict,
 * which the store retries with jittered backoff (transact.ts).
 *
 * Write rates at 100,000 / 1,000,000 members (see shared/runtime/table.ts). Branch activities: each member
 * registers for 4 a month, a quarter of them in the hour after the month's 主题党日 notices go out (a Monday
 * morning) → 28 / 280 registrations/s. A group-wide activity (audience ALL): 10% of members try in its first minute
 * → 167 / 1,667/s. A registration rewrites the activity item, and with it the item's index entries (all projected).
 *
 * | partition                             | 100k     | 1M         | assumption                                            |
 * |---------------------------------------|----------|------------|-------------------------------------------------------|
 * | ACTIVITY#<id> of a branch activity    | < 5/s    | < 5/s      | a branch's ~20 members                                 |
 * | ACTIVITY#<id> of a group-wide one     | 167/s    | 1,667/s    | every seat or waitlist change updates the activity item's counters |
 * | gsi2 ACTIVITIES                       | 28–195/s | 280–1,950/s | every activity item write in the group: branch registrations, plus a group-wide opening |
 * | gsi1 ACTIVITIES#ORGANISER#<branchId>  | < 5/s    | < 5/s (a group-wide one: as its item) | the organiser's activity items             |
 * | gsi1 ACTIVITIES#FOR#<branch or ALL>   | < 1/s    | < 1/s      | audience entries, written when an activity is created  |
 * | gsi1 SIGNUPS#MEMBER#<userId>          | < 1/s    | < 1/s      | one member's registrations                             |
 * First to need sharding: gsi2 ACTIVITIES (every seat change of every activity lands on it: drop the counters from
 * its projection, or shard it by organiser branch) and, at a province's size, a group-wide activity's item
 * (per-bureau seat counters).
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

/** The partitions above as IAM patterns (the sign-up function's own items and index entries). */
export const SIGNUP_PARTITIONS: KeyPartitions = {
  table: ['ACTIVITY#*'],
  indexes: { gsi1: ['ACTIVITIES#*', 'SIGNUPS#MEMBER#*'], gsi2: ['ACTIVITIES'] },
};

export const signupKeys = {
  activity: (id: string) => ({ pk: `ACTIVITY#${id}`, sk: 'ACTIVITY' }),
  audience: (id: string, branchId: string | undefined) => ({ pk: `ACTIVITY#${id}`, sk: `AUDIENCE#${branchId ?? 'ALL'}` }),
  registration: (id: string, userId: string) => ({ pk: `ACTIVITY#${id}`, sk: `REG#${userId}` }),
  waitEntry: (id: string, ticket: string) => ({ pk: `ACTIVITY#${id}`, sk: `WAIT#${ticket}` }),
  checkinTries: (id: string, userId: string, window: number) => ({ pk: `ACTIVITY#${id}`, sk: `CHECKIN-TRIES#${userId}#${window}` }),
};

export const activityIndexKeys = (activity: { id: string; startAt: string; organiserBranchId: string }) => ({
  gsi1pk: `ACTIVITIES#ORGANISER#${activity.organiserBranchId}`,
  gsi1sk: `${activity.startAt}#${activity.id}`,
  gsi2pk: 'ACTIVITIES',
  gsi2sk: `${activity.startAt}#${activity.id}`,
});

export const audienceIndexKeys = (branchId: string | undefined, startAt: string, id: string) => ({
  gsi1pk: `ACTIVITIES#FOR#${branchId ?? 'ALL'}`,
  gsi1sk: `${startAt}#${id}`,
});

export const memberSignupsIndex = (userId: string) => `SIGNUPS#MEMBER#${userId}`;

/** Tickets sort as text: a fixed-width sequence, then the member (unique even for equal sequences). */
export function waitTicket(seq: number, userId: string): string {
  return `${String(seq).padStart(16, '0')}#${userId}`;
}
