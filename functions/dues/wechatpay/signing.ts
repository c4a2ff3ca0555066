import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';

/**
 * WeChat Pay v3 cryptography, as its documentation specifies: SHA256-with-RSA signatures over
 * newline-terminated lines, and AEAD_AES_256_GCM resources (the 16-byte tag appended to the ciphertext).
 */

/** `"a\nb\nc\n"`: every signed message is its lines, each ending in a newline. */
export const signedMessage = (...lines: string[]) => lines.map((line) => `${line}\n`).join('');

export function rsaSign(privateKeyPem: string, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64');
}

export function rsaVerify(publicKeyPem: string, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

export const nonce = () => randomBytes(16).toString('hex');

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

/** Decrypts a notification resource with the APIv3 key; undefined when the tag does not authenticate. */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string | undefined {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') return undefined;
  try {
    const data = Buffer.from(resource.ciphertext, 'base64');
    if (data.length < 17) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Encrypts as WeChat Pay does (used by the local-stage simulator, which stands in for WeChat Pay). */
export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string): EncryptedResource {
  const iv = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(iv, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: body.toString('base64'), nonce: iv, associated_data: associatedData };
}

export type HeaderLookup = (name: string) => string | undefined;

export type SignatureProblem = 'missing' | 'unknown-serial' | 'bad-signature' | 'stale';

/** Allowed clock difference between WeChat Pay and us. */
export const MAX_SKEW_SECONDS = 300;

/**
 * Checks the `Wechatpay-*` headers of a notification or an API answer: the signature over
 * "{timestamp}\n{nonce}\n{raw body}\n" with the platform key named by Wechatpay-Serial, and a timestamp
 * no more than five minutes off. Undefined when all is well.
 */
export function signatureProblem(header: HeaderLookup, rawBody: string, platformKeys: Record<string, string>, now: Date): SignatureProblem | undefined {
  const timestamp = header('wechatpay-timestamp');
  const nonceValue = header('wechatpay-nonce');
  const signature = header('wechatpay-signature');
  const serial = header('wechatpay-serial');
  if (!timestamp || !nonceValue || !signature || !serial) return 'missing';
  const key = platformKeys[serial];
  if (!key) return 'unknown-serial';
  if (!rsaVerify(key, signedMessage(timestamp, nonceValue, rawBody), signature)) return 'bad-signature';
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - seconds) > MAX_SKEW_SECONDS) return 'stale';
  return undefined;
}
