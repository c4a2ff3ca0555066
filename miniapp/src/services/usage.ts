import { feedbackApi, MAX_EVENTS_PER_BATCH, usageEventSchema, type FeatureKey, type UsageAction, type UsageEvent } from '@shared/api';
import { ApiError, callQuietly } from './api';
import { toServerTime } from './clock';
import { loadList, saveList } from './outbox/store';
import { taroStore } from './outbox/taro-store';
import { currentMember } from './session';

/**
 * Feature-level usage events (opened, key action done, error shown), queued in storage and sent in batches.
 * A batch, once formed, is sealed and re-sent unchanged until the server has it, so a retry after a lost
 * answer counts once (the server recognises the same event ids). Nothing of what the member wrote and no
 * time spent is ever recorded: only which feature, what kind of event and when. This is the outbox's
 * batching client: same storage layer, sent whenever the outbox flushes (network back, app shown).
 */
const QUEUE_KEY = 'fpp.usage.queue';
const SEALED_KEY = 'fpp.usage.sealed';
/** A device offline for long keeps at most this many events (the oldest go first). */
const MAX_QUEUED = 500;
const FLUSH_DELAY_MS = 5_000;
const FLUSH_AT = 50;
/**
 * After the server refused a batch for being over the member's hourly allowance (429): nothing more is sent for
 * this long. The refused batch is dropped (usage figures are not worth a member's data or battery); what is
 * queued meanwhile waits, at most MAX_QUEUED events.
 */
export const RATE_LIMIT_PAUSE_MS = 15 * 60_000;
let holdUntil = 0;

const isEvent = (value: unknown): value is UsageEvent => usageEventSchema.safeParse(value).success;
// Corrupted entries are dropped silently: usage figures are not worth bothering the member.
const read = (key: string): UsageEvent[] => loadList(taroStore, key, isEvent).items;
// Storage full: the events are lost, nothing the member needs to know.
const write = (key: string, events: UsageEvent[]): void => void saveList(taroStore, key, events);

let counter = 0;
/** Unique enough per device and sortable: time, a counter and randomness. */
export function newEventId(now = Date.now()): string {
  counter = (counter + 1) % 1_679_616;
  return `${now.toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let sending: Promise<void> | null = null;

/** Records that the member used a feature; sent a little later together with other events. */
export function trackUsage(feature: FeatureKey, action: UsageAction): void {
  const queue = read(QUEUE_KEY);
  queue.push({ id: newEventId(), feature, action, at: new Date().toISOString() });
  write(QUEUE_KEY, queue.slice(-MAX_QUEUED));
  if (queue.length >= FLUSH_AT) void flushUsage();
  else if (!timer) timer = setTimeout(() => void flushUsage(), FLUSH_DELAY_MS);
}

/**
 * The server refused an event "from the future": the phone's clock is ahead. Its answer's Date header has
 * just corrected the offset, so the same batch, stamped again, goes through on the next try.
 */
export function isClockRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && error.details.some((detail) => /^body\.events\.\d+\.at$/.test(detail.path ?? ''));
}

const isRateLimited = (error: unknown) => error instanceof ApiError && error.status === 429;

/** A refusal the same batch will always get (not a network problem or an expired session). */
function isPermanent(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && ![401, 408].includes(error.status);
}

/** Events carry the device time they happened; the server reads them on its own clock. */
export const stampedForServer = (events: readonly UsageEvent[]): UsageEvent[] => events.map((event) => ({ ...event, at: toServerTime(event.at) }));

async function sendBatches(): Promise<void> {
  let clockRetried = false;
  for (;;) {
    let sealed = read(SEALED_KEY);
    if (sealed.length === 0) {
      const queue = read(QUEUE_KEY);
      if (queue.length === 0) return;
      sealed = queue.slice(0, MAX_EVENTS_PER_BATCH);
      write(SEALED_KEY, sealed);
      write(QUEUE_KEY, queue.slice(sealed.length));
    }
    try {
      await callQuietly(feedbackApi.recordEvents, { body: { events: stampedForServer(sealed) } });
    } catch (error) {
      if (isRateLimited(error)) {
        write(SEALED_KEY, []);
        holdUntil = Date.now() + RATE_LIMIT_PAUSE_MS;
        return;
      }
      if (isClockRefusal(error)) {
        // Once more on the corrected clock; refused again, the clock cannot be read and the batch goes.
        if (!clockRetried) {
          clockRetried = true;
          continue;
        }
      } else if (!isPermanent(error)) return; // kept sealed: the next flush sends the very same batch
    }
    write(SEALED_KEY, []);
  }
}

/**
 * Sends what is queued, one sealed batch of at most 100 at a time; concurrent calls share one run. Over the
 * hourly allowance it stops and sends nothing for RATE_LIMIT_PAUSE_MS: never a loop of refused requests.
 */
export function flushUsage(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  if (!currentMember() || Date.now() < holdUntil) return Promise.resolve();
  if (!sending) {
    const run = sendBatches().catch(() => undefined);
    sending = run;
    void run.then(() => {
      sending = null;
    });
  }
  return sending;
}
