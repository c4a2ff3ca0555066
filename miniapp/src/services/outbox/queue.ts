import { loadList, saveList, type KeyValueStore } from './store';

/**
 * The offline outbox, pure: writes that could not reach the server wait on the device, each under its
 * clientRequestId, and are sent in order with growing pauses between attempts. The server's idempotency
 * makes a repeated send harmless, so an item leaves the queue only once the server has answered for it.
 */
export interface QueuedItem<R> {
  /** The request's clientRequestId: the same write is never queued twice. */
  id: string;
  /** Only sent with this member's session (a shared phone may change hands). */
  userId: string;
  /** What the member sees in the "待发送" list, e.g. "意见：林区防火". */
  label: string;
  request: R;
  /** Device time (ms) the member made the write. */
  queuedAt: number;
  attempts: number;
  /** Device time (ms) before which a timer does not try again. */
  notBefore: number;
}

/** What one send attempt came to. */
export type SendOutcome = { kind: 'sent' } | { kind: 'refused'; message: string } | { kind: 'later' };

export interface Refusal {
  id: string;
  label: string;
  message: string;
}

export type AddResult = 'queued' | 'duplicate' | 'storage-full';

export interface OutboxKeys {
  items: string;
  /** Things the member must be told: writes refused for good, entries lost to corrupted storage. */
  notices: string;
}

const FIRST_PAUSE_MS = 5_000;
const LONGEST_PAUSE_MS = 10 * 60_000;

/** Exponential backoff with jitter (so a station's phones do not all retry at the same second). */
export function pauseAfter(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNotice = (value: unknown): value is Refusal =>
  isRecord(value) && typeof value.id === 'string' && typeof value.label === 'string' && typeof value.message === 'string';

export class Outbox<R> {
  constructor(
    private readonly store: KeyValueStore,
    private readonly keys: OutboxKeys,
    /** Whether a stored request is still one the app can send (checked against the API contract). */
    private readonly isRequest: (value: unknown) => value is R,
    /** Frees room when storage is full (cached reads can go; the member's writes cannot). */
    private readonly makeRoom: () => void = () => undefined,
  ) {}

  private isItem = (value: unknown): value is QueuedItem<R> =>
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.userId === 'string' &&
    typeof value.label === 'string' &&
    typeof value.queuedAt === 'number' &&
    typeof value.attempts === 'number' &&
    typeof value.notBefore === 'number' &&
    this.isRequest(value.request);

  /** The queue as stored; corrupted entries are dropped (and the member told) instead of blocking the rest. */
  items(): QueuedItem<R>[] {
    const { items, lost } = loadList(this.store, this.keys.items, this.isItem);
    if (lost > 0) {
      saveList(this.store, this.keys.items, items);
      this.notify({ id: `lost-${Date.now()}`, label: `${lost} 条待发送的内容`, message: '手机存储的数据已损坏，未能恢复，请重新填写提交' });
    }
    return items;
  }

  /** Notices storage would not take: still shown for as long as the app runs. */
  private unsaved: Refusal[] = [];

  notices(): Refusal[] {
    return [...loadList(this.store, this.keys.notices, isNotice).items, ...this.unsaved];
  }

  dismissNotices(): void {
    this.unsaved = [];
    saveList(this.store, this.keys.notices, []);
  }

  add(item: Omit<QueuedItem<R>, 'attempts' | 'notBefore'>): AddResult {
    const items = this.items();
    if (items.some((queued) => queued.id === item.id)) return 'duplicate';
    const next = [...items, { ...item, attempts: 0, notBefore: item.queuedAt }];
    if (saveList(this.store, this.keys.items, next)) return 'queued';
    this.makeRoom();
    return saveList(this.store, this.keys.items, next) ? 'queued' : 'storage-full';
  }

  /**
   * Sends the member's items oldest first and stops at the first one the network does not take (the rest
   * would fail the same way, and order matters: progress must not arrive backwards). `force` ignores the
   * pauses — the network just came back or the member opened the app.
   */
  async drain(userId: string, send: (request: R) => Promise<SendOutcome>, options: { now: () => number; force: boolean }): Promise<{ sent: number; waiting: number }> {
    let sent = 0;
    for (;;) {
      const next = this.items().find((item) => item.userId === userId && (options.force || item.notBefore <= options.now()));
      if (!next) break;
      const outcome = await send(next.request);
      // Read again: the member may have queued something while the request was out.
      const current = this.items();
      if (outcome.kind === 'later') {
        const attempts = next.attempts + 1;
        saveList(
          this.store,
          this.keys.items,
          current.map((item) => (item.id === next.id ? { ...item, attempts, notBefore: options.now() + pauseAfter(attempts) } : item)),
        );
        break;
      }
      saveList(this.store, this.keys.items, current.filter((item) => item.id !== next.id));
      if (outcome.kind === 'refused') this.notify({ id: next.id, label: next.label, message: outcome.message });
      else sent += 1;
    }
    return { sent, waiting: this.items().filter((item) => item.userId === userId).length };
  }

  /** When the next timed attempt is due (device ms), or null when nothing waits. */
  nextAttemptAt(userId: string): number | null {
    const times = this.items()
      .filter((item) => item.userId === userId)
      .map((item) => item.notBefore);
    return times.length > 0 ? Math.min(...times) : null;
  }

  private notify(notice: Refusal): void {
    const stored = loadList(this.store, this.keys.notices, isNotice).items.filter((existing) => existing.id !== notice.id);
    if (!saveList(this.store, this.keys.notices, [...stored, notice].slice(-20))) this.unsaved.push(notice);
  }
}
