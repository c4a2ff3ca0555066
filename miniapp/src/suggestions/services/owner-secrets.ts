import Taro from '@tarojs/taro';
import { OWNER_SECRET_PATTERN, OWNER_SECRETS_MAX } from '@shared/api';

/**
 * The secrets of my anonymous suggestions. The server keeps only their hashes and never learns who wrote an
 * anonymous suggestion, so these secrets — kept on this phone, per member — are the only way back to one:
 * "我的意见" lists and rates anonymous suggestions with them. They survive offline and restarts; clearing the
 * mini-program's data or changing phones loses them (the suggestion stays with the handlers, who still reply).
 */
export interface OwnedSuggestion {
  secret: string;
  /** Known once the server has answered (a suggestion queued offline learns it at the next lookup). */
  id?: string;
}

const keyOf = (userId: string) => `fpp.sugg.owned.${userId}`;

const isOwned = (value: unknown): value is OwnedSuggestion =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as OwnedSuggestion).secret === 'string' &&
  OWNER_SECRET_PATTERN.test((value as OwnedSuggestion).secret) &&
  ((value as OwnedSuggestion).id === undefined || typeof (value as OwnedSuggestion).id === 'string');

export function ownedSuggestions(userId: string): OwnedSuggestion[] {
  const stored: unknown = Taro.getStorageSync(keyOf(userId));
  return Array.isArray(stored) ? stored.filter(isOwned) : [];
}

function save(userId: string, owned: OwnedSuggestion[]): void {
  Taro.setStorageSync(keyOf(userId), owned);
}

/** Kept before the suggestion is sent, so one queued on the phone is found again once it reaches the server. */
export function keepSecret(userId: string, secret: string): void {
  const owned = ownedSuggestions(userId);
  if (!owned.some((entry) => entry.secret === secret)) save(userId, [...owned, { secret }]);
}

export function recordIds(userId: string, found: Array<{ secret: string; id: string }>): void {
  const ids = new Map(found.map(({ secret, id }) => [secret, id]));
  save(userId, ownedSuggestions(userId).map((entry) => (ids.has(entry.secret) ? { ...entry, id: ids.get(entry.secret) } : entry)));
}

export function secretOf(userId: string, suggestionId: string): string | undefined {
  return ownedSuggestions(userId).find((entry) => entry.id === suggestionId)?.secret;
}

/** The newest secrets, as many as one lookup takes. */
export const lookupBatch = (owned: OwnedSuggestion[]) => owned.slice(-OWNER_SECRETS_MAX);

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (the mini-program has no Buffer and no btoa). */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c += 1) out += BASE64URL[(chunk >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** 32 bytes from a cryptographic source (Web Crypto in H5, the WeChat crypto API in the mini-program); never Math.random. */
export async function newOwnerSecret(): Promise<string> {
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (webCrypto?.getRandomValues) return base64url(webCrypto.getRandomValues(new Uint8Array(32)));
  if (typeof Taro.getRandomValues === 'function') {
    const { randomValues } = await Taro.getRandomValues({ length: 32 });
    return base64url(new Uint8Array(randomValues));
  }
  throw new Error('当前微信版本过低，无法匿名提交，请升级微信后重试');
}
