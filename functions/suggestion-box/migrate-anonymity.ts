import { logger } from '../../shared/runtime/logger';
import { anonymousActTime } from './anonymous-time';
import type { StoredEvent, StoredSuggestion } from './model';
import type { Item } from '../../shared/runtime/db-helpers';
import { deleteItem, dropOwnerTag, rewriteAnonymous, scanSuggestionItems, storedEventOf, storedSuggestionOf, type AnonymousRewrite } from './store';

/**
 * Moves items written by the old anonymity design to the capability-secret design (keys.ts), idempotently:
 * a second run finds nothing to do. For each anonymous suggestion it removes the author's entry and request
 * that pointed at it under the author's tag, its per-member `ownerTag`, and the exact times of the author's
 * own acts (submitted, held, rated: stamped with the hour); it deletes the old per-member rate counters
 * (`SUGG-RATE#<authorTag>#<hour>`), which shared the author's tag. Named suggestions only lose the unused tag.
 *
 * The old design left the author no secret, so the rewrite also ends their way back to those suggestions:
 * handlers still see and answer them; the author no longer finds them in "我的意见".
 */

interface Scanned {
  suggestions: Item[];
  eventsOf: Map<string, Item[]>;
  linksOf: Map<string, Item[]>;
  oldCounters: Item[];
}

function group(items: Item[]): Scanned {
  const scanned: Scanned = { suggestions: [], eventsOf: new Map(), linksOf: new Map(), oldCounters: [] };
  const add = (map: Map<string, Item[]>, id: string, item: Item) => map.set(id, [...(map.get(id) ?? []), item]);
  for (const item of items) {
    const pk = String(item.pk);
    if (item.sk === 'SUGGESTION') scanned.suggestions.push(item);
    else if (pk.startsWith('SUGG#') && String(item.sk).startsWith('EVENT#')) add(scanned.eventsOf, pk.slice('SUGG#'.length), item);
    else if (pk.startsWith('SUGG-AUTHOR#') || pk.startsWith('SUGG-REQ#')) add(scanned.linksOf, String(item.suggestionId), item);
    else if (pk.startsWith('SUGG-RATE#')) scanned.oldCounters.push(item);
  }
  return scanned;
}

/** The suggestion and its author's events restamped as the new design writes them; undefined when nothing changes. */
export function restamp(suggestion: StoredSuggestion & { ownerTag?: string }, eventItems: Item[], links: Item[]): AnonymousRewrite | undefined {
  const { ownerTag, ...rest } = suggestion;
  const createdAt = anonymousActTime(new Date(suggestion.createdAt));
  const ordered = [...eventItems].sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  const newEvents: AnonymousRewrite['newEvents'] = [];
  const oldEvents: Item[] = [];
  let last: string | undefined;
  for (const item of ordered) {
    const event = storedEventOf(item);
    const n = String(item.sk).split('#').pop() ?? '00';
    let at = event.at;
    if (event.action === 'submitted' || event.action === 'held') at = createdAt;
    else if (event.action === 'rated') at = anonymousActTime(new Date(event.at), last);
    if (at !== event.at) {
      oldEvents.push(item);
      newEvents.push({ event: cleanEvent({ ...event, at }), n });
    }
    last = at;
  }
  // Every change writes an event stamped with the new updatedAt, and restamping keeps the events' order.
  const updatedAt = last ?? createdAt;
  const unchanged = ownerTag === undefined && links.length === 0 && newEvents.length === 0 && createdAt === suggestion.createdAt && updatedAt === suggestion.updatedAt;
  if (unchanged) return undefined;
  return { previous: suggestion, next: { ...rest, createdAt, updatedAt }, oldEvents, newEvents, links };
}

const cleanEvent = (event: StoredEvent): StoredEvent =>
  Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined)) as unknown as StoredEvent;

export async function migrateAnonymity(): Promise<{ rewritten: number; skipped: number; countersRemoved: number }> {
  const scanned = group(await scanSuggestionItems());
  let rewritten = 0;
  let skipped = 0;
  for (const item of scanned.suggestions) {
    const suggestion = storedSuggestionOf(item) as StoredSuggestion & { ownerTag?: string };
    if (!suggestion.anonymous) {
      if (suggestion.ownerTag !== undefined) await dropOwnerTag(suggestion.id);
      continue;
    }
    const rewrite = restamp(suggestion, scanned.eventsOf.get(suggestion.id) ?? [], scanned.linksOf.get(suggestion.id) ?? []);
    if (!rewrite) continue;
    if (await rewriteAnonymous(rewrite)) rewritten += 1;
    else skipped += 1;
  }
  for (const counter of scanned.oldCounters) await deleteItem(counter);
  logger.info('anonymity migration', { rewritten, skipped, countersRemoved: scanned.oldCounters.length });
  return { rewritten, skipped, countersRemoved: scanned.oldCounters.length };
}
