/**
 * Items of the suggestion box in the one table, with every access pattern they serve.
 *
 * | item                  | pk                                   | sk                  | gsi1pk / gsi1sk                                   | gsi2pk / gsi2sk                      | ttl     |
 * |-----------------------|--------------------------------------|---------------------|---------------------------------------------------|--------------------------------------|---------|
 * | suggestion            | SUGG#<id>                            | SUGGESTION          | SUGG-BRANCH#<branchId> / <status>#<createdAt>#<id> | SUGG-STATUS#<status> / <createdAt>#<id> | –     |
 * | suggestion event      | SUGG#<id>                            | EVENT#<at>#<n>      | –                                                 | –                                    | –       |
 * | author's suggestion   | SUGG-AUTHOR#<authorTag>              | <createdAt>#<id>    | –                                                 | –                                    | –       |
 * | submit request        | SUGG-REQ#<authorTag>#<clientRequestId> | REQUEST           | –                                                 | –                                    | 7 days  |
 * | rate-limit counter    | SUGG-RATE#<authorTag>#<UTC hour>     | RATE                | –                                                 | –                                    | 2 hours |
 * | warning bucket        | WARN#BUCKET#<10-minute start>        | <branchId>#<category> | –                                               | –                                    | 2 days  |
 * | warning day           | WARN#DAY#<Shanghai day>              | <branchId>#<category> | –                                               | –                                    | 60 days |
 * | early-warning alert   | WARN-ALERT#<id>                      | ALERT               | WARN-ALERTS / <createdAt>#<id>                    | –                                    | –       |
 * | lexicon head, edits, audit: see shared/moderation/lexicon-store.ts (MODERATION#…)                                                                           |
 *
 * `authorTag` is an HMAC of the member id under SUGGESTION_AUTHOR_KEY, which only this function holds; an
 * anonymous suggestion stores no member id or name, only `ownerTag`, an HMAC of member id and suggestion id
 * (so two anonymous suggestions cannot even be linked through their items).
 *
 * Access patterns:
 * - submit: GetItem the request (a repeated clientRequestId returns the first suggestion), then one
 *   TransactWriteItems: request (attribute_not_exists), suggestion, author's pointer, first event, and the
 *   rate-limit counter ADD under `count < limit` — all or nothing.
 * - my suggestions, newest first: Query SUGG-AUTHOR#<authorTag> descending, BatchGet the suggestions.
 * - review queue, oldest first: Query gsi2 SUGG-STATUS#pending_review ascending.
 * - handling list: a branch (secretary, or admin with a branch): Query gsi1 SUGG-BRANCH#<branchId>
 *   begins_with <status>#, newest first; all branches (admin): Query gsi2 SUGG-STATUS#<status>, newest first;
 *   category as a filter.
 * - detail with history: Query SUGG#<id> (the suggestion and its events).
 * - decisions (review, assign, reply, rate): TransactWriteItems — Update under a condition on the status
 *   (a second decision fails) + Put of the event.
 * - early warning: ADD to the bucket and day counters of (branch, category); BatchGet the window's buckets
 *   and the baseline days; Put of the alert under attribute_not_exists (one alert per branch, category, window).
 * - alerts, newest first: Query gsi1 WARN-ALERTS descending.
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

/** The partitions above as IAM patterns (the suggestion box's own items and index entries). */
export const SUGGESTION_PARTITIONS: KeyPartitions = {
  table: ['SUGG#*', 'SUGG-AUTHOR#*', 'SUGG-REQ#*', 'SUGG-RATE#*', 'WARN#*', 'WARN-ALERT#*'],
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
  rate: (authorTag: string, hour: string) => ({ pk: `SUGG-RATE#${authorTag}#${hour}`, sk: 'RATE' }),
  warningBucket: (bucketStart: string, branchId: string, category: string) => ({ pk: `WARN#BUCKET#${bucketStart}`, sk: `${branchId}#${category}` }),
  warningDay: (day: string, branchId: string, category: string) => ({ pk: `WARN#DAY#${day}`, sk: `${branchId}#${category}` }),
  alert: (id: string) => ({ pk: `WARN-ALERT#${id}`, sk: 'ALERT' }),
  alertsPartition: 'WARN-ALERTS',
  alertsIndex: (createdAt: string, id: string) => ({ gsi1pk: suggestionKeys.alertsPartition, gsi1sk: `${createdAt}#${id}` }),
};
