/**
 * Items of the suggestion box in the one table, with every access pattern they serve.
 *
 * | item                  | pk                                     | sk                    | gsi1pk / gsi1sk                                    | gsi2pk / gsi2sk                         | ttl     |
 * |-----------------------|----------------------------------------|-----------------------|----------------------------------------------------|-----------------------------------------|---------|
 * | suggestion            | SUGG#<id>                              | SUGGESTION            | SUGG-BRANCH#<branchId> / <status>#<createdAt>#<id> | SUGG-STATUS#<status> / <createdAt>#<id> | –       |
 * | suggestion event      | SUGG#<id>                              | EVENT#<at>#<n>        | –                                                  | –                                       | –       |
 * | named author's entry  | SUGG-AUTHOR#<authorTag>                | <createdAt>#<id>      | –                                                  | –                                       | –       |
 * | named submit request  | SUGG-REQ#<authorTag>#<clientRequestId> | REQUEST               | –                                                  | –                                       | 7 days  |
 * | anonymous owner entry | SUGG-OWNER#<ownerHash>                 | OWNER                 | –                                                  | –                                       | –       |
 * | rate-limit counter    | SUGG-COUNT#<rateTag>                   | COUNT                 | –                                                  | –                                       | hour end + 1 h |
 * | warning bucket        | WARN#BUCKET#<10-minute start>          | <branchId>#<category> | –                                                  | –                                       | 2 days  |
 * | warning day           | WARN#DAY#<Shanghai day>                | <branchId>#<category> | –                                                  | –                                       | 60 days |
 * | early-warning alert   | WARN-ALERT#<id>                        | ALERT                 | WARN-ALERTS / <createdAt>#<id>                     | –                                       | –       |
 * | lexicon head, edits, audit: see shared/moderation/lexicon-store.ts (MODERATION#…)                                                                                  |
 *
 * Tags and hashes: author.ts. Items of the old design (`SUGG-RATE#…`, an `ownerTag` on suggestions, author
 * entries and requests pointing at anonymous suggestions) are rewritten by migrate-anonymity.ts.
 *
 * ## Anonymity: the threat model
 *
 * Adversary: an admin or operator who can read the whole table, its backups and exports, and every log line of
 * the functions — including, on the local stage, the public default SUGGESTION_AUTHOR_KEY, so every keyed
 * tag may be assumed recomputable from the roster.
 *
 * Guarantee: such a reader cannot tell which member wrote an anonymous suggestion beyond what the suggestion
 * itself shows handlers on purpose (its branch, category, text). Concretely, no stored value and no log line
 * is shared between an anonymous suggestion's items (the suggestion, its events, its owner entry) and anything
 * that singles out its author (their named suggestions, entries, requests, notices, profile, sessions):
 * - ownership is a per-suggestion capability: the app makes a 256-bit secret, keeps it on the phone, and the
 *   server stores only its hash (owner entry and `ownerHash`). "我的意见" lists anonymous suggestions by
 *   the secrets the app sends (in the body), and rating one needs its secret; the member id is never written.
 *   Repeats of a submission are recognised by the same secret (the owner entry), not by a member's request.
 * - the rate limit counts all of a member's submissions of an hour in one counter under a tag of (member,
 *   hour) that no other item carries, with an expiry rounded to the hour; it names no suggestion.
 * - the author's own acts on an anonymous suggestion (submitted, rated) are stamped with the hour, not the
 *   moment (anonymous-time.ts); no actor is recorded; log lines about it carry neither id nor member.
 * - the reply notice: the function never knows the author, so it tells the whole branch — the anonymity set
 *   the suggestion's branch already reveals — with one WeCom notice "本支部有匿名意见已答复" that carries no
 *   suggestion id and no text; each member's app then pulls its own replies with its secrets.
 *   Named suggestions keep their personal reply notice.
 *
 * What it does not protect against:
 * - the size of the anonymity set: a branch of a handful of members is a small crowd, and a branch where only
 *   one member was active in that hour (counters, usage events, gateway logs) narrows it further;
 * - counting by the hour where the tag key is known (the local stage; or an operator who also holds the
 *   function's SUGGESTION_AUTHOR_KEY): a member's counter of 2 beside one named suggestion of theirs in the
 *   same hour says they sent one more — named, anonymous or refused — in that hour;
 * - the early warning: a held or blocked text still moves its branch's 10-minute counters, and an alert it
 *   raises is stamped with the moment (alerts are about content, but they time the submission);
 * - network metadata outside the function: API gateway access logs, load balancer or WeCom logs that tie a
 *   source address or session to the moment of a `POST /api/v1/suggestions`; DynamoDB Streams and
 *   point-in-time backups taken seconds apart, which order the writes of one transaction together (the
 *   counter and the suggestion);
 * - the text itself (style, details only the author knows), and WeChat's content check when
 *   MSG_SEC_CHECK_ENABLED: msgSecCheck requires the member's openid alongside the text;
 * - a compromised or modified function (it sees the caller of every request) or a stolen phone (its secrets);
 * - anonymous suggestions written before this design: the migration removes their links, which also removes
 *   their authors' way back to them (their phones hold no secret for them).
 * Losing the phone's storage loses only the way back to one's own anonymous suggestions; the app says so.
 *
 * Access patterns:
 * - submit, named: GetItem the request (a repeated clientRequestId returns the first suggestion), then one
 *   TransactWriteItems: request (attribute_not_exists), suggestion, author's entry, first events, and the
 *   rate-limit counter ADD under `count < limit` — all or nothing.
 * - submit, anonymous: GetItem the owner entry (the same secret returns the first suggestion), then one
 *   TransactWriteItems: owner entry (attribute_not_exists), suggestion, first events, rate-limit counter.
 * - my named suggestions, newest first: Query SUGG-AUTHOR#<authorTag> descending, BatchGet the suggestions.
 * - my anonymous suggestions: BatchGet the owner entries of the hashed secrets, BatchGet the suggestions.
 * - review queue, oldest first: Query gsi2 SUGG-STATUS#pending_review ascending.
 * - handling list: a branch (secretary, or admin with a branch): Query gsi1 SUGG-BRANCH#<branchId>
 *   begins_with <status>#, newest first; all branches (admin): Query gsi2 SUGG-STATUS#<status>, newest first;
 *   category as a filter.
 * - detail with history: Query SUGG#<id> (the suggestion and its events).
 * - decisions (review, assign, reply, rate): TransactWriteItems — Put under a condition on the status and
 *   updatedAt (a second decision fails; a rating also under attribute_not_exists(rating)) + Put of the event.
 * - early warning: ADD to the bucket and day counters of (branch, category); BatchGet the window's buckets
 *   and the baseline days; Put of the alert under attribute_not_exists (one alert per branch, category, window).
 * - alerts, newest first: Query gsi1 WARN-ALERTS descending.
 * - migration (a job, never a request): Scan for SUGG items of the old design.
 *
 * Write rates at 100,000 / 1,000,000 members (see shared/runtime/table.ts). A consultation campaign (征求意见):
 * 20% of members submit in its week, 5% of those in its busiest hour → 0.3 / 3 submissions/s; each is then
 * reviewed, assigned, replied and rated (about 5 more writes of the suggestion, spread over days).
 *
 * | partition                                    | 100k    | 1M     | assumption                                       |
 * |----------------------------------------------|---------|--------|--------------------------------------------------|
 * | gsi2 SUGG-STATUS#<status>                    | 0.3/s   | 3/s    | every submission enters pending_review; decisions move it |
 * | WARN#BUCKET#<10 minutes>, WARN#DAY#<day>     | 0.3/s   | 3/s    | every submission ADDs its branch and category's counters |
 * | SUGG#<id>, SUGG-AUTHOR#, SUGG-REQ#, SUGG-OWNER#, SUGG-COUNT#, gsi1 SUGG-BRANCH#<branchId> | < 1/s | < 1/s | one suggestion, member or branch |
 * | WARN-ALERT#, gsi1 WARN-ALERTS, MODERATION#…  | < 1/s   | < 1/s  | alerts and lexicon edits                          |
 * First to need sharding: gsi2 SUGG-STATUS#pending_review, and only some 300× past a province's campaign peak.
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

/** The partitions above as IAM patterns (the suggestion box's own items and index entries). */
export const SUGGESTION_PARTITIONS: KeyPartitions = {
  table: ['SUGG#*', 'SUGG-AUTHOR#*', 'SUGG-REQ#*', 'SUGG-OWNER#*', 'SUGG-COUNT#*', 'WARN#*', 'WARN-ALERT#*'],
  indexes: { gsi1: ['SUGG-BRANCH#*', 'WARN-ALERTS'], gsi2: ['SUGG-STATUS#*'] },
};

export const suggestionKeys = {
  suggestion: (id: string) => ({ pk: `SUGG#${id}`, sk: 'SUGGESTION' }),
  partition: (id: string) => `SUGG#${id}`,
  event: (id: string, at: string, n: string) => ({ pk: `SUGG#${id}`, sk: `EVENT#${at}#${n}` }),
  branchPartition: (branchId: string) => `SUGG-BRANCH#${branchId}`,
  byBranch: (branchId: string, status: string, createdAt: string, id: string) => ({
    gsi1pk: suggestionKeys.branchPartition(branchId),
    gsi1sk: `${status}#${createdAt}#${id}`,
  }),
  statusPartition: (status: string) => `SUGG-STATUS#${status}`,
  byStatus: (status: string, createdAt: string, id: string) => ({ gsi2pk: suggestionKeys.statusPartition(status), gsi2sk: `${createdAt}#${id}` }),
  authorPointer: (authorTag: string, createdAt: string, id: string) => ({ pk: `SUGG-AUTHOR#${authorTag}`, sk: `${createdAt}#${id}` }),
  authorPartition: (authorTag: string) => `SUGG-AUTHOR#${authorTag}`,
  request: (authorTag: string, clientRequestId: string) => ({ pk: `SUGG-REQ#${authorTag}#${clientRequestId}`, sk: 'REQUEST' }),
  owner: (ownerHash: string) => ({ pk: `SUGG-OWNER#${ownerHash}`, sk: 'OWNER' }),
  rateCounter: (rateTag: string) => ({ pk: `SUGG-COUNT#${rateTag}`, sk: 'COUNT' }),
  warningBucket: (bucketStart: string, branchId: string, category: string) => ({ pk: `WARN#BUCKET#${bucketStart}`, sk: `${branchId}#${category}` }),
  warningDay: (day: string, branchId: string, category: string) => ({ pk: `WARN#DAY#${day}`, sk: `${branchId}#${category}` }),
  alert: (id: string) => ({ pk: `WARN-ALERT#${id}`, sk: 'ALERT' }),
  alertsPartition: 'WARN-ALERTS',
  alertsIndex: (createdAt: string, id: string) => ({ gsi1pk: suggestionKeys.alertsPartition, gsi1sk: `${createdAt}#${id}` }),
};
