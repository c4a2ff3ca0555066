import { getPublicKeyAsync, hashes, signAsync, verify } from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';
import { cardStatementSchema, type CardStatement } from '../api/membership';

// The WeChat mini-program's JavaScript runtime has no `crypto.subtle`, which @noble/ed25519's async functions hash
// with: offline verification there uses the synchronous `verify` over @noble/hashes' SHA-512 (pure JavaScript).
hashes.sha512 = sha512;

/**
 * The digital member card's QR content: `<statement>.<signature>`, both base64url, the statement JSON signed by
 * the platform with Ed25519. Any app holding the platform's public key verifies it offline; only the platform,
 * online, knows whether the card was revoked. Shared by the membership function (signs) and the app (verifies).
 */

// The WeChat runtime also lacks TextEncoder/TextDecoder and atob/btoa: the statement is ASCII-only JSON (other
// characters as JSON \u escapes, which JSON.parse reads back), and base64url comes from @scure/base.
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0) & 0x7f);

function asciiText(bytes: Uint8Array): string {
  if (bytes.some((byte) => byte > 0x7f)) throw new Error('a card statement is ASCII');
  return String.fromCharCode(...bytes);
}

const toBase64Url = (bytes: Uint8Array): string => base64urlnopad.encode(bytes);
const fromBase64Url = (text: string): Uint8Array => base64urlnopad.decode(text);

export { bytesToHex, hexToBytes };

/** A short id of a public key (its first 8 hex digits), so an app holding several knows which one to use. */
export const publicKeyId = (publicKeyHex: string): string => publicKeyHex.slice(0, 8);

export async function publicKeyOf(seedHex: string): Promise<string> {
  return bytesToHex(await getPublicKeyAsync(hexToBytes(seedHex)));
}

export async function signCard(statement: CardStatement, seedHex: string): Promise<string> {
  const body = toBase64Url(asciiBytes(asciiJson(statement)));
  const signature = await signAsync(asciiBytes(body), hexToBytes(seedHex));
  return `${body}.${toBase64Url(signature)}`;
}

export type OfflineVerdict = { valid: true; statement: CardStatement } | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired'; statement?: CardStatement };

/**
 * Checks a card with nothing but the public keys: the signature over the exact statement bytes, then its expiry
 * against the device's clock. Revocation needs the network (the platform's verify endpoint).
 */
export async function verifyCardOffline(token: string, publicKeysHex: readonly string[], nowMs: number): Promise<OfflineVerdict> {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { valid: false, reason: 'malformed' };
  let statement: CardStatement;
  try {
    const parsed = cardStatementSchema.safeParse(JSON.parse(asciiText(fromBase64Url(body))));
    if (!parsed.success) return { valid: false, reason: 'malformed' };
    statement = parsed.data;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  const message = asciiBytes(body);
  let signed = false;
  for (const key of publicKeysHex) {
    try {
      if (verify(fromBase64Url(signature), message, hexToBytes(key))) signed = true;
    } catch {
      // A signature of the wrong length or a bad key: not this key.
    }
  }
  if (!signed) return { valid: false, reason: 'bad-signature', statement };
  if (statement.exp * 1000 <= nowMs) return { valid: false, reason: 'expired', statement };
  return { valid: true, statement };
}
