import { createHash } from 'node:crypto';
import type { LedgerEntry } from '../../shared/api/dues';

/** The hash an entry's `prevHash` holds when there is no previous entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * A canonical encoding: JSON with object keys sorted by code unit, no whitespace, integers only.
 * The same content always gives the same bytes, whoever stores or reads it.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, undefined);
}

/** One pass, no intermediate objects: verification runs this over every entry of the ledger. */
function encode(value: unknown, skip: ReadonlySet<string> | undefined): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Error(`ledger content holds a non-integer number: ${value}`);
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
      throw new Error(`ledger content holds a ${typeof value}`);
  }
}

/** An entry without its own hash: what the hash covers (its sequence and the previous hash included). */
export type HashedContent = Omit<LedgerEntry, 'hash'>;

export function entryHash(content: HashedContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** Table attributes that are storage, not content: everything else in a stored entry is hashed. */
const STORAGE_ATTRIBUTES: ReadonlySet<string> = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'hash']);

/** The hash of a stored item's content, exactly as stored: an attribute added by a tamperer changes it too. */
export function storedItemHash(item: Record<string, unknown>): string {
  return createHash('sha256').update(encode(item, STORAGE_ATTRIBUTES), 'utf8').digest('hex');
}

/** The hashed content of a stored item, exactly as stored: an attribute added by a tamperer changes the hash too. */
export function contentOf(item: Record<string, unknown>): HashedContent {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !STORAGE_ATTRIBUTES.has(key))) as HashedContent;
}
