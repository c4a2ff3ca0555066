import { AppError } from './app-error';

/**
 * Paging cursors for list endpoints: DynamoDB's LastEvaluatedKey as opaque base64url text, and back.
 * A cursor that does not decode to a key is a 400 the member can recover from by starting over.
 */
type Key = Record<string, unknown>;

export function encodeCursor(key: Key | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Key | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof key === 'object' && key !== null && !Array.isArray(key)) return key as Key;
  } catch {
    // the same refusal below
  }
  throw new AppError(400, 'VALIDATION_FAILED', '翻页参数无效，请从第一页重新查看', [{ path: 'query.cursor', message: '无效的翻页参数' }]);
}
