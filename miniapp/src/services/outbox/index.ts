import Taro from '@tarojs/taro';
import { coursesApi, feedbackApi, orgLifeApi, signupApi, suggestionsApi } from '@shared/api';
import { ApiError, callQuietly } from '../api';
import { isNetworkFailure } from '../api-error';
import { clearCaches } from '../cache';
import { toServerTime } from '../clock';
import { currentMember } from '../session';
import { flushUsage } from '../usage';
import { Outbox, type Refusal, type SendOutcome } from './queue';
import { isOutboxRequest, KIND_LABELS, requestIdOf, type OutboxRequest } from './requests';
import { taroStore } from './taro-store';

export { KIND_LABELS, type OutboxRequest } from './requests';
export type { Refusal } from './queue';

const outbox = new Outbox<OutboxRequest>(taroStore, { items: 'fpp.outbox', notices: 'fpp.outbox.notices' }, isOutboxRequest, clearCaches);

/** A refusal the same request will always get (not the network, an expired session or a busy server). */
function isFinal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
}

/** Why the queue last stopped: a session problem must not keep new writes from trying (and asking to sign in). */
let blockedBy: 'network' | 'session' | null = null;

async function sendQueued(request: OutboxRequest): Promise<SendOutcome> {
  try {
    if (request.kind === 'suggestion') await callQuietly(suggestionsApi.submit, { body: request.body });
    else if (request.kind === 'rating') await callQuietly(feedbackApi.rate, { body: request.body });
    else if (request.kind === 'registration') await callQuietly(signupApi.register, { params: { id: request.activityId }, body: request.body });
    else if (request.kind === 'meeting-leave') await callQuietly(orgLifeApi.askLeave, { params: { id: request.meetingId }, body: request.body });
    else if (request.kind === 'meeting-checkin') {
      // The code is checked as of the scan: the device time it was scanned, read on the server's clock.
      const { scannedAt } = request.body;
      await callQuietly(orgLifeApi.checkIn, { params: { id: request.meetingId }, body: { ...request.body, ...(scannedAt ? { scannedAt: toServerTime(scannedAt) } : {}) } });
    }
    else {
      const { occurredAt } = request.body;
      await callQuietly(coursesApi.recordProgress, { body: { ...request.body, ...(occurredAt ? { occurredAt: toServerTime(occurredAt) } : {}) } });
    }
    blockedBy = null;
    return { kind: 'sent' };
  } catch (error) {
    if (isFinal(error)) return { kind: 'refused', message: error.message };
    blockedBy = error instanceof ApiError && error.status === 401 ? 'session' : 'network';
    return { kind: 'later' };
  }
}

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

/** Called whenever what waits changes; answers the unsubscribe. */
export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface PendingState {
  items: Array<{ id: string; kind: OutboxRequest['kind']; label: string; queuedAt: number }>;
  notices: Refusal[];
}

export function pendingState(): PendingState {
  const userId = currentMember()?.userId;
  const items = outbox.items().filter((item) => item.userId === userId);
  return { items: items.map(({ id, label, queuedAt, request }) => ({ id, kind: request.kind, label, queuedAt })), notices: outbox.notices() };
}

export function dismissNotices(): void {
  outbox.dismissNotices();
  changed();
}

let timer: ReturnType<typeof setTimeout> | null = null;
let running: Promise<number> | null = null;

function scheduleNext(userId: string): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const at = outbox.nextAttemptAt(userId);
  if (at !== null) timer = setTimeout(() => void flushOutbox(false), Math.max(1_000, at - Date.now()));
}

/**
 * Sends what waits (and the usage events); concurrent calls share one run. Answers how many of the
 * member's writes still wait. `force`: the network came back or the app was opened — skip the pauses.
 */
export function flushOutbox(force = true): Promise<number> {
  const member = currentMember();
  if (!member) return Promise.resolve(0);
  void flushUsage();
  if (!running) {
    const run = outbox.drain(member.userId, sendQueued, { now: Date.now, force }).then(
      ({ sent, waiting }) => {
        if (sent > 0) Taro.eventCenter.trigger(OUTBOX_SENT_EVENT);
        return waiting;
      },
      () => outbox.items().length,
    );
    running = run;
    void run.then(() => {
      running = null;
      scheduleNext(member.userId);
      changed();
    });
  }
  return running;
}

/** Fired after queued writes reached the server: lists showing them reload. */
export const OUTBOX_SENT_EVENT = 'fpp.outbox.sent';

export type Delivery<T> = { sent: true; result: T } | { sent: false };

export class StorageFullError extends Error {
  constructor() {
    super('手机存储空间已满，这条内容未能保存在手机上，请清理手机空间后再提交');
    this.name = 'StorageFullError';
    Object.setPrototypeOf(this, StorageFullError.prototype);
  }
}

/**
 * Sends a write now, or keeps it on the device when the network does not take it (then it shows as
 * "待发送" and goes out by itself). What waited before goes first, so the server sees writes in order.
 * Throws what the server refused (the caller shows it next to the member's input) and StorageFullError.
 */
export async function sendOrQueue<T>(request: OutboxRequest, label: string, sendNow: () => Promise<T>): Promise<Delivery<T>> {
  const member = currentMember();
  const waiting = member ? await flushOutbox(true) : 0;
  if (waiting === 0 || blockedBy !== 'network') {
    try {
      return { sent: true, result: await sendNow() };
    } catch (error) {
      if (!isNetworkFailure(error) || !member) throw error;
    }
  }
  const added = outbox.add({ id: requestIdOf(request), userId: member!.userId, label: `${KIND_LABELS[request.kind]}：${label}`, request, queuedAt: Date.now() });
  if (added === 'storage-full') throw new StorageFullError();
  scheduleNext(member!.userId);
  changed();
  return { sent: false };
}

let started = false;

/** Once per app launch: send when the network comes back (mini-program event; the browser's `online`). */
export function startOutbox(): void {
  if (started) return;
  started = true;
  Taro.onNetworkStatusChange(({ isConnected }) => {
    if (isConnected) void flushOutbox(true);
  });
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.addEventListener('online', () => void flushOutbox(true));
  void flushOutbox(true);
}
