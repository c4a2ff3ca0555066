import Taro from '@tarojs/taro';
import type { Endpoint, ResponseOf } from '@shared/api';
import { call, type CallOptions } from './api';
import { currentMember } from './session';

/**
 * Answers of the reads a member needs at a remote station (toggles, my dues, my registrations, courses),
 * kept per member so the app shows what it last knew when the network is gone, with the time it was fetched.
 * A cache is a convenience: it is checked against the contract on the way out and is the first thing
 * given up when storage is full.
 */
const PREFIX = 'fpp.cache.';

export interface Cached<T> {
  data: T;
  /** Device time (ms) of the answer. */
  savedAt: number;
}

const keyOf = (userId: string, name: string) => `${PREFIX}${userId}.${name}`;

export function readCache<E extends Endpoint>(endpoint: E, name: string, userId = currentMember()?.userId): Cached<ResponseOf<E>> | null {
  if (!userId) return null;
  try {
    const stored = Taro.getStorageSync(keyOf(userId, name)) as { data?: unknown; savedAt?: unknown } | '';
    if (!stored || typeof stored.savedAt !== 'number') return null;
    const parsed = endpoint.response.safeParse(stored.data);
    return parsed.success ? { data: parsed.data as ResponseOf<E>, savedAt: stored.savedAt } : null;
  } catch {
    return null;
  }
}

export function writeCache(name: string, data: unknown, userId = currentMember()?.userId): void {
  if (!userId) return;
  try {
    Taro.setStorageSync(keyOf(userId, name), { data, savedAt: Date.now() });
  } catch {
    // Storage full: the page still shows the fresh answer; only the offline copy is missing.
  }
}

/** Frees the space the caches take (the offline queue calls this when storage is full). */
export function clearCaches(): void {
  try {
    for (const key of Taro.getStorageInfoSync().keys) if (key.startsWith(PREFIX)) Taro.removeStorageSync(key);
  } catch {
    // Nothing more to free.
  }
}

/** Calls an endpoint and keeps its answer for offline use. */
export async function callAndCache<E extends Endpoint>(endpoint: E, name: string, options: CallOptions<E> = {}): Promise<ResponseOf<E>> {
  const result = await call(endpoint, options);
  writeCache(name, result);
  return result;
}

export { updatedAtText } from './beijing-time';
