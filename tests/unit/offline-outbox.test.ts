import { Outbox, pauseAfter, type SendOutcome } from '../../miniapp/src/services/outbox/queue';
import type { KeyValueStore } from '../../miniapp/src/services/outbox/store';

/** Device storage as a Map; `full` makes every write fail the way wx.setStorageSync does when the quota is reached. */
function memoryStore(initial: Record<string, unknown> = {}) {
  const data = new Map<string, unknown>(Object.entries(initial));
  const state = { full: false };
  const store: KeyValueStore = {
    get: (key) => (data.has(key) ? data.get(key) : ''),
    set: (key, value) => {
      if (state.full) throw new Error('setStorageSync:fail exceed storage max size 10MB');
      data.set(key, JSON.parse(JSON.stringify(value)));
    },
    remove: (key) => void data.delete(key),
  };
  return { store, data, state };
}

interface Req {
  text: string;
}
const isReq = (value: unknown): value is Req => typeof value === 'object' && value !== null && typeof (value as Req).text === 'string';
const KEYS = { items: 'outbox', notices: 'outbox.notices' };
const item = (id: string, text = id, userId = 'ranger') => ({ id, userId, label: `意见：${text}`, request: { text }, queuedAt: 1_000 });
/** An item as an earlier run of the app left it in storage. */
const stored = (id: string) => ({ ...item(id), attempts: 0, notBefore: 1_000 });

/** A server that records what arrives; `down` makes it unreachable. */
function server() {
  const received: string[] = [];
  const state = { down: false, refuse: new Set<string>() };
  const send = async (request: Req): Promise<SendOutcome> => {
    if (state.down) return { kind: 'later' };
    if (state.refuse.has(request.text)) return { kind: 'refused', message: '内容包含不当信息' };
    received.push(request.text);
    return { kind: 'sent' };
  };
  return { received, state, send };
}

describe('the offline outbox', () => {
  it('keeps writes made without a network and sends each exactly once, in order, when the network is back', async () => {
    const { store } = memoryStore();
    const outbox = new Outbox(store, KEYS, isReq);
    const api = server();
    api.state.down = true;
    expect(outbox.add(item('a'))).toBe('queued');
    expect(outbox.add(item('b'))).toBe('queued');
    // Tapping "提交" twice on the same write queues it once (same clientRequestId).
    expect(outbox.add(item('a'))).toBe('duplicate');
    expect(await outbox.drain('ranger', api.send, { now: () => 2_000, force: true })).toEqual({ sent: 0, waiting: 2 });

    api.state.down = false;
    expect(await outbox.drain('ranger', api.send, { now: () => 3_000, force: true })).toEqual({ sent: 2, waiting: 0 });
    expect(await outbox.drain('ranger', api.send, { now: () => 4_000, force: true })).toEqual({ sent: 0, waiting: 0 });
    expect(api.received).toEqual(['a', 'b']);
  });

  it('waits longer after each failed attempt, unless the network comes back', async () => {
    const { store } = memoryStore();
    const outbox = new Outbox(store, KEYS, isReq);
    const api = server();
    api.state.down = true;
    outbox.add(item('a'));
    await outbox.drain('ranger', api.send, { now: () => 10_000, force: false });
    const firstPause = outbox.nextAttemptAt('ranger')! - 10_000;
    expect(firstPause).toBeGreaterThanOrEqual(2_500);
    api.state.down = false;
    // Before the pause is over a timer does not send; the network coming back (force) does.
    expect((await outbox.drain('ranger', api.send, { now: () => 10_000 + firstPause - 1, force: false })).sent).toBe(0);
    expect((await outbox.drain('ranger', api.send, { now: () => 10_001, force: true })).sent).toBe(1);
  });

  it('grows the pause exponentially up to ten minutes, with jitter', () => {
    expect(pauseAfter(1, () => 1)).toBe(5_000);
    expect(pauseAfter(3, () => 1)).toBe(20_000);
    expect(pauseAfter(3, () => 0)).toBe(10_000);
    expect(pauseAfter(30, () => 1)).toBe(600_000);
  });

  it('tells the member about a write the server refuses for good, and goes on with the rest', async () => {
    const { store } = memoryStore();
    const outbox = new Outbox(store, KEYS, isReq);
    const api = server();
    api.state.refuse.add('bad');
    outbox.add(item('bad'));
    outbox.add(item('good'));
    expect(await outbox.drain('ranger', api.send, { now: () => 1, force: true })).toEqual({ sent: 1, waiting: 0 });
    expect(outbox.notices()).toEqual([{ id: 'bad', label: '意见：bad', message: '内容包含不当信息' }]);
    outbox.dismissNotices();
    expect(outbox.notices()).toEqual([]);
  });

  it('sends only the signed-in member’s writes (a shared phone)', async () => {
    const { store } = memoryStore();
    const outbox = new Outbox(store, KEYS, isReq);
    const api = server();
    outbox.add(item('mine'));
    outbox.add(item('theirs', 'theirs', 'retiree'));
    expect(await outbox.drain('ranger', api.send, { now: () => 1, force: true })).toEqual({ sent: 1, waiting: 0 });
    expect(api.received).toEqual(['mine']);
    expect(outbox.nextAttemptAt('retiree')).not.toBeNull();
  });

  it('recovers the readable entries of corrupted storage and says how many it could not', async () => {
    const { store } = memoryStore({ outbox: [stored('kept'), { id: 'half', userId: 'ranger' }, 'garbage', stored('also-kept')] });
    const outbox = new Outbox(store, KEYS, isReq);
    expect(outbox.items().map((queued) => queued.id)).toEqual(['kept', 'also-kept']);
    expect(outbox.notices()).toHaveLength(1);
    expect(outbox.notices()[0]!.message).toContain('已损坏');
    expect(outbox.notices()[0]!.label).toBe('2 条待发送的内容');
    const api = server();
    await outbox.drain('ranger', api.send, { now: () => 1, force: true });
    expect(api.received).toEqual(['kept', 'also-kept']);
  });

  it('reads a queue stored as JSON text, and reports one that is not a list at all', () => {
    expect(new Outbox(memoryStore({ outbox: JSON.stringify([stored('a')]) }).store, KEYS, isReq).items()).toHaveLength(1);
    const broken = new Outbox(memoryStore({ outbox: '{"truncated' }).store, KEYS, isReq);
    expect(broken.items()).toEqual([]);
    expect(broken.notices()).toHaveLength(1);
  });

  it('frees the caches when storage is full, and refuses to pretend a write was kept when even that is not enough', () => {
    const memory = memoryStore();
    let freed = 0;
    const outbox = new Outbox(memory.store, KEYS, isReq, () => {
      freed += 1;
      memory.state.full = freed > 1; // the first clean-up makes room, the second cannot
    });
    memory.state.full = true;
    expect(outbox.add(item('a'))).toBe('queued');
    memory.state.full = true;
    expect(outbox.add(item('b'))).toBe('storage-full');
    expect(outbox.items().map((queued) => queued.id)).toEqual(['a']);
  });

  it('still shows a refusal when storage will not take the notice', async () => {
    const memory = memoryStore();
    const outbox = new Outbox(memory.store, KEYS, isReq);
    const api = server();
    api.state.refuse.add('bad');
    outbox.add(item('bad'));
    memory.state.full = true;
    await outbox.drain('ranger', api.send, { now: () => 1, force: true });
    expect(outbox.notices().map((notice) => notice.id)).toEqual(['bad']);
  });
});
