import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Envelope encryption of sensitive fields (ID numbers): every value is sealed with its own AES-256-GCM data key,
 * and only the data key, wrapped by a key provider, is stored beside it. On a deployed stage the provider is KMS
 * (GenerateDataKey / Decrypt: the master key never leaves KMS); on the local stage a local master key from the
 * configuration wraps the data key the same way. Both take the record's context as additional authenticated data,
 * so a sealed value copied onto another person's record does not open.
 */
export interface DataKeyProvider {
  /** Names the provider in each envelope, so a value is always opened by the kind that sealed it. */
  readonly kind: 'kms' | 'local';
  generate(context: Record<string, string>): Promise<{ plaintext: Uint8Array; wrapped: Uint8Array }>;
  unwrap(wrapped: Uint8Array, context: Record<string, string>): Promise<Uint8Array>;
}

/** What is stored: base64 parts, never the plain value nor the plain data key. */
export interface Envelope {
  v: 1;
  kind: DataKeyProvider['kind'];
  wrappedKey: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => Buffer.from(text, 'base64');
/** The context in a stable order: the same fields always authenticate the same bytes. */
const aad = (context: Record<string, string>) => Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))));

export async function seal(plain: string, context: Record<string, string>, provider: DataKeyProvider): Promise<Envelope> {
  const key = await provider.generate(context);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv);
  cipher.setAAD(aad(context));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const envelope: Envelope = { v: 1, kind: provider.kind, wrappedKey: b64(key.wrapped), iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
  key.plaintext.fill(0);
  return envelope;
}

export async function open(envelope: Envelope, context: Record<string, string>, provider: DataKeyProvider): Promise<string> {
  if (envelope.kind !== provider.kind) throw new Error(`sealed by a ${envelope.kind} key, opened with a ${provider.kind} key`);
  const dataKey = await provider.unwrap(bytes(envelope.wrappedKey), context);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, bytes(envelope.iv));
    decipher.setAAD(aad(context));
    decipher.setAuthTag(bytes(envelope.tag));
    return Buffer.concat([decipher.update(bytes(envelope.ciphertext)), decipher.final()]).toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}

/** The local stage's provider: a 32-byte master key from the configuration wraps each data key with AES-256-GCM. */
export class LocalDataKeys implements DataKeyProvider {
  readonly kind = 'local' as const;
  private readonly master: Buffer;

  constructor(masterKeyBase64: string) {
    this.master = Buffer.from(masterKeyBase64, 'base64');
    if (this.master.length !== 32) throw new Error('the local master key must be 32 bytes (base64)');
  }

  async generate(context: Record<string, string>): Promise<{ plaintext: Uint8Array; wrapped: Uint8Array }> {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.master, iv);
    cipher.setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  async unwrap(wrapped: Uint8Array, context: Record<string, string>): Promise<Uint8Array> {
    const buffer = Buffer.from(wrapped);
    const decipher = createDecipheriv('aes-256-gcm', this.master, buffer.subarray(0, 12));
    decipher.setAAD(aad(context));
    decipher.setAuthTag(buffer.subarray(12, 28));
    return Buffer.concat([decipher.update(buffer.subarray(28)), decipher.final()]);
  }
}
