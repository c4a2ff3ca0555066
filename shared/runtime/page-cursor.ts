import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppError } from './app-error';
import { config, type Config } from './config';

/**
 * Paging cursors for list endpoints: DynamoDB's LastEvaluatedKey as opaque base64url text, and back.
 *
 * A cursor is signed (HMAC-SHA256 with a key derived from the session secret) over the key and the list it
 * came from, so only a key this API handed out for this very list goes back to DynamoDB: a forged key, or a
 * genuine key of another list or index, would make DynamoDB refuse the query (a 500). Either is a 400
 * INVALID_CURSOR the member recovers from by starting over from the first page.
 */
type Key = Record<string, unknown>;

/** 128 bits of the HMAC are plenty against forgery and keep cursors short in a URL. */
const SIGNATURE_BYTES = 16;
const KEY_LABEL = 'party-platform/page-cursor/v1';

let derivedFor: Config | undefined;
let derivedKey: Buffer | undefined;

/** A key of its own for cursors (HKDF over the session secret), so a cursor signature is never a session one. */
function cursorKey(): Buffer {
  const current = config();
  if (derivedFor !== current || !derivedKey) {
    derivedKey = Buffer.from(hkdfSync('sha256', current.JWT_SECRET, '', KEY_LABEL, 32));
    derivedFor = current;
  }
  return derivedKey;
}

/**
 * The list a cursor belongs to. The router runs each request inside `withCursorScope` (its route, path
 * parameters and filters), so store modules need not name their list when they encode or decode.
 */
const scopes = new AsyncLocalStorage<string>();

export function withCursorScope<T>(scope: string, run: () => Promise<T>): Promise<T> {
  return scopes.run(scope, run);
}

function signature(payload: string, scope: string): Buffer {
  return createHmac('sha256', cursorKey()).update(scope).update('\n').update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

export function encodeCursor(key: Key | undefined, scope: string = scopes.getStore() ?? ''): string | undefined {
  if (!key) return undefined;
  const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${payload}.${signature(payload, scope).toString('base64url')}`;
}

export const invalidCursor = () =>
  new AppError(400, 'INVALID_CURSOR', undefined, [{ path: 'query.cursor', message: '无效的翻页参数' }]);

export function decodeCursor(cursor: string | undefined, scope: string = scopes.getStore() ?? ''): Key | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const [payload, signed, ...rest] = cursor.split('.');
  if (!payload || !signed || rest.length > 0) throw invalidCursor();
  const expected = signature(payload, scope);
  const given = Buffer.from(signed, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
  try {
    const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof key === 'object' && key !== null && !Array.isArray(key)) return key as Key;
  } catch {
    // the same refusal below (only a changed secret's own cursors could get here)
  }
  throw invalidCursor();
}
