import { createHash } from 'node:crypto';

/** The hash a chain's first entry links to when the chain commits to nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * A canonical encoding: JSON with object keys sorted by code unit, no whitespace, integers only.
 * The same content always gives the same bytes, whoever stores or reads it.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, undefined);
}

/** One pass, no intermediate objects: verification runs this over every entry of a chain. */
function encode(value: unknown, skip: ReadonlySet<string> | undefined): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Error(`chained content holds a non-integer number: ${value}`);
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let index = 0; index < value.length; index += 1) out += (index > 0 ? ',' : '') + encode(value[index], undefined);
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (const key of keys) {
        const field = record[key];
        if (field === undefined || skip?.has(key)) continue;
        out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${encode(field, undefined)}`;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`chained content holds a ${typeof value}`);
  }
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of an entry's content (its sequence number and the previous hash included, its own hash not). */
export function entryHash(content: object): string {
  return sha256Hex(canonicalJson(content));
}

/** Table attributes that are storage, not content: everything else in a stored entry is hashed. */
const STORAGE_ATTRIBUTES: ReadonlySet<string> = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'hash']);

/** The hash of a stored item's content, exactly as stored: an attribute added by a tamperer changes it too. */
export function storedItemHash(item: Record<string, unknown>): string {
  return sha256Hex(encode(item, STORAGE_ATTRIBUTES));
}

/** The hashed content of a stored item, exactly as stored (storage attributes and the hash left out). */
export function contentOf(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !STORAGE_ATTRIBUTES.has(key)));
}
