/**
 * Items of the feedback loop in the one table, with every access pattern they serve.
 *
 * | item                    | pk                          | sk                  | gsi1pk / gsi1sk                                  | ttl      |
 * |-------------------------|-----------------------------|---------------------|--------------------------------------------------|----------|
 * | toggle                  | FEATURECONFIG               | TOGGLE#<feature>    | –                                                | –        |
 * | home layout of category | FEATURECONFIG               | HOME#<category>     | –                                                | –        |
 * | metric, day × branch    | METRIC#<feature>#<day>#<s>  | <branch>#<category> | METRICS#<feature>#<s> / <day>#<branch>#<category> | 400 days |
 * | metric, day × category  | METRIC#<feature>#<day>#<s>  | *#<category>        | METRICS-BY-CATEGORY#<feature>#<s> / <day>#<category> | 400 days |
 * | metric, hour × category | METRICHOUR#<feature>#<hour>#<s> | <category>      | METRICS-BY-HOUR#<feature>#<s> / <hour>#<category> | 8 days   |
 * | metric, server row      | METRIC#<feature>#<day>#<s> and METRICHOUR#<feature>#<hour>#<s> | *#server / server | …#<day>#server / …#<hour>#server | as above |
 *
 * `<s>` is the writer's shard, 0–7: a hash of the member's branch (shared/runtime/feedback-signals.ts), of
 * `server` for the server rows. A category's rollup is the sum of its parts in the shards; rows written before
 * sharding (the same keys without `#<s>`) are read with them and age out with their ttl.
 * | event batch (raw)       | EVENTBATCH#<batch hash>     | PART#<n>            | –                                                | 30 days  |
 * | member's event allowance| EVENTRATE#<userId>#<hour>   | RATE                | –                                                | 2 hours  |
 * | member seen (distinct)  | SEEN#<feature>#<period>#<member tag> | <action>   | –                                                | 31 days  |
 * | rating marker           | RATED#<userId>#<feature>    | <day>               | –                                                | 8 days   |
 * | rating comment          | COMMENTS#<feature>          | <at>#<id>           | –                                                | 400 days |
 * | rule                    | RULE#<id>                   | RULE                | RULES / <createdAt>#<id>                         | –        |
 * | proposal                | PROPOSAL#<id>               | PROPOSAL            | PROPOSALS#<status> / <updatedAt>#<id>            | –        |
 * | toggle audit entry      | TOGGLEAUDIT#<feature>       | <at>#<id>           | TOGGLEAUDIT / <at>#<id>                          | –        |
 *
 * Access patterns:
 * - toggles and home layouts (feature gate, GET /toggles): Query FEATURECONFIG, cached per Lambda copy
 *   (shared/runtime/feature-gate.ts); admin edits: GetItem (consistent) + conditional Put on `version`.
 * - usage events: per batch one TransactWriteItems — the raw batch part under `attribute_not_exists(pk)` (a re-sent
 *   batch is refused whole and counts once) plus one ADD per touched (feature, day, branch/category) and
 *   (feature, hour, category) counter. The counters of a member's batch share branch and category, so a batch
 *   of 100 events touches a handful of items: far fewer writes than events.
 * - a member's events per UTC hour: the allowance counter ADDs the batch's events inside part 0 of that
 *   transaction, under `events <= limit - batch` (over it: nothing of the batch is written, 429). One item per
 *   member and hour: no key shared by everyone.
 * - distinct members: per (feature, hour or day, action) one transaction of the member's marker under
 *   `attribute_not_exists(pk)` plus ADD `members.<action>` 1 on the period's rollups — the counter moves only on
 *   a member's first event of that kind, so a member weighs at most 1 per feature, period and action. Markers
 *   outlive the oldest event accepted (30 days) so a late event does not count its member twice. The tag is a
 *   hash of the member's id, so a marker does not name anyone.
 * - server errors: the HTTP stack ADDs `server.error` on the feature's server rows (per copy, batched).
 * - the rollup items take one write per batch, not per event, and each category's is split in 8 parts.
 * - dashboards and rules: Query gsi1 METRICS-BY-CATEGORY#<feature> (or METRICS#, METRICS-BY-HOUR#), unsharded and
 *   #0–#7, between two keys, in parallel; parts of one row are summed (usage-store.ts metricRows).
 * - rating once per member, feature and day: the marker, replaced (not added) on a second rating that day.
 * - comments of a feature, newest first: Query COMMENTS#<feature> descending (no author is stored).
 * - rules: Query gsi1 RULES. Proposals by status, newest first: Query gsi1 PROPOSALS#<status> descending.
 * - audit, newest first: Query gsi1 TOGGLEAUDIT (all) or TOGGLEAUDIT#<feature> (one feature) descending.
 * - admins to notify: Query gsi2 MEMBERS and its shards filtered by role (the scheduled evaluation only, when a
 *   guardrail trips).
 *
 * Write rates at 100,000 / 1,000,000 members (see shared/runtime/table.ts). Usage: 20% of members open the app in
 * the peak hour (Monday's meetings), 15 minutes each, one batch a minute touching 2 features → 83 / 833 batches/s;
 * a popular feature is in half of them. Ratings: 5% of members rate a feature on a day, 10% of those in the peak hour.
 *
 * | partition                                   | 100k  | 1M     | assumption                                                   |
 * |---------------------------------------------|-------|--------|--------------------------------------------------------------|
 * | METRIC#<feature>#<day>#<s>                  | 10/s  | 104/s  | a popular feature's branch and category rows, 2 writes per batch, over 8 shards (unsharded: 83 / 833/s on one partition) |
 * | METRICHOUR#<feature>#<hour>#<s>             | 5/s   | 52/s   | its category-hour row, 1 write per batch (unsharded: 42 / 417/s; the largest category's item alone half of it) |
 * | gsi1 METRICS#<feature>#<s>, METRICS-BY-CATEGORY#<feature>#<s>, METRICS-BY-HOUR#<feature>#<s> | 5/s | 52/s | one row write per batch each (unsharded: 42 / 417/s, every day of the feature on one partition) |
 * | the server rows' shard                      | 20/s  | 200/s  | a Lambda copy that saw failures flushes 2 rows at most every 10 s: 100 / 1,000 copies failing at once |
 * | EVENTBATCH#, EVENTRATE#, SEEN#, RATED#      | < 1/s | < 1/s  | one member's batch, hour, period or rating                    |
 * | COMMENTS#<feature>                          | 0.1/s | 1/s    | half of the ratings carry a comment                           |
 * | FEATURECONFIG, RULE#, PROPOSAL#, TOGGLEAUDIT#, gsi1 RULES, PROPOSALS#, TOGGLEAUDIT | < 1/s | < 1/s | admins and the 5-minute rule job |
 * First to need sharding: the server rows, when a feature fails everywhere at a province's size (one shard on
 * purpose: they carry no branch); next the rollup shards themselves past ~10M members (raise ROLLUP_SHARDS:
 * readers gather whatever shards exist up to it).
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

/**
 * The partitions above as IAM patterns (the feedback function's own items and index entries), with the toggle
 * configuration (shared/runtime/feature-gate.ts) and the metric counters (shared/runtime/feedback-signals.ts).
 */
export const FEEDBACK_PARTITIONS: KeyPartitions = {
  table: ['FEATURECONFIG', 'METRIC#*', 'METRICHOUR#*', 'EVENTBATCH#*', 'EVENTRATE#*', 'SEEN#*', 'RATED#*', 'COMMENTS#*', 'RULE#*', 'PROPOSAL#*', 'TOGGLEAUDIT#*'],
  indexes: { gsi1: ['METRICS#*', 'METRICS-BY-CATEGORY#*', 'METRICS-BY-HOUR#*', 'RULES', 'PROPOSALS#*', 'TOGGLEAUDIT'] },
};

/** Rules are the only feedback items ever deleted (an admin removes a rule). */
export const RULE_PARTITIONS: KeyPartitions = { table: ['RULE#*'] };

export const feedbackKeys = {
  eventBatch: (hash: string, part: number) => ({ pk: `EVENTBATCH#${hash}`, sk: `PART#${part}` }),
  eventAllowance: (userId: string, hour: string) => ({ pk: `EVENTRATE#${userId}#${hour}`, sk: 'RATE' }),
  memberSeen: (feature: string, period: string, memberTag: string, action: string) => ({ pk: `SEEN#${feature}#${period}#${memberTag}`, sk: action }),
  ratingMarker: (userId: string, feature: string, day: string) => ({ pk: `RATED#${userId}#${feature}`, sk: day }),
  comment: (feature: string, at: string, id: string) => ({ pk: `COMMENTS#${feature}`, sk: `${at}#${id}` }),
  comments: (feature: string) => `COMMENTS#${feature}`,
  rule: (id: string) => ({ pk: `RULE#${id}`, sk: 'RULE' }),
  rulesIndex: (createdAt: string, id: string) => ({ gsi1pk: 'RULES', gsi1sk: `${createdAt}#${id}` }),
  proposal: (id: string) => ({ pk: `PROPOSAL#${id}`, sk: 'PROPOSAL' }),
  proposalsIndex: (status: string, updatedAt: string, id: string) => ({ gsi1pk: `PROPOSALS#${status}`, gsi1sk: `${updatedAt}#${id}` }),
  audit: (feature: string, at: string, id: string) => ({ pk: `TOGGLEAUDIT#${feature}`, sk: `${at}#${id}`, gsi1pk: 'TOGGLEAUDIT', gsi1sk: `${at}#${id}` }),
};
