import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../runtime/db-helpers';
import { AppError } from '../runtime/app-error';
import { db, tableName } from '../runtime/db';
import type { TableGrant } from '../runtime/deployment';
import type { ModerationCategory } from './categories';
import type { ModerationLevel } from './types';

/**
 * Admin edits of the lexicon, stored over the shipped default (the default itself is never copied into
 * the table). Items:
 *
 * | item               | pk                     | sk                       |
 * |--------------------|------------------------|--------------------------|
 * | current version    | MODERATION#LEXICON     | HEAD                     |
 * | word edit          | MODERATION#OVERRIDES   | WORD#<normalised form>   |
 * | allow-list edit    | MODERATION#OVERRIDES   | ALLOW#<normalised form>  |
 * | audit record       | MODERATION#AUDIT       | <version, 10 digits>     |
 *
 * Access patterns: version check (GetItem HEAD, every cache TTL per Lambda copy); all edits (Query
 * MODERATION#OVERRIDES, on a version change); audit newest first (Query MODERATION#AUDIT, descending).
 * An edit is one transaction: HEAD version + 1 under a condition on the version read, the edit, its audit record.
 */
const MODERATION_PARTITIONS = ['MODERATION#*'];
/** What moderating text needs: the version check and the admins' edits (and, for admins, the audit). */
export const MODERATION_ACCESS: TableGrant = { actions: ['dynamodb:GetItem', 'dynamodb:Query'], table: MODERATION_PARTITIONS };
/** What editing the lexicon needs in addition. */
export const LEXICON_EDIT_ACCESS: TableGrant = { actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], table: MODERATION_PARTITIONS };

const HEAD_KEY = { pk: 'MODERATION#LEXICON', sk: 'HEAD' };
const OVERRIDES_PK = 'MODERATION#OVERRIDES';
const AUDIT_PK = 'MODERATION#AUDIT';

export type OverrideKind = 'word' | 'allow';

/** The state an edit leaves a word or phrase in. `removed` hides an entry of the shipped default. */
export interface LexiconOverride {
  kind: OverrideKind;
  form: string;
  text: string;
  state: 'active' | 'removed';
  level?: ModerationLevel;
  categories?: ModerationCategory[];
  version: number;
  updatedAt: string;
}

export interface LexiconAuditRecord {
  version: number;
  action: 'word-set' | 'word-removed' | 'allow-added' | 'allow-removed';
  text: string;
  before: { level: ModerationLevel; categories: ModerationCategory[] } | null;
  after: { level: ModerationLevel; categories: ModerationCategory[] } | null;
  actorId: string;
  actorName: string;
  reason?: string;
  at: string;
}

const overrideSk = (kind: OverrideKind, form: string) => `${kind === 'word' ? 'WORD' : 'ALLOW'}#${form}`;

export async function lexiconVersion(): Promise<number> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: HEAD_KEY, ConsistentRead: true }));
  return typeof Item?.version === 'number' ? Item.version : 0;
}

export async function lexiconOverrides(): Promise<LexiconOverride[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': OVERRIDES_PK }, ConsistentRead: true });
  return items.map((item) => {
    const { kind, form, text, state, level, categories, version, updatedAt } = item as unknown as LexiconOverride;
    return { kind, form, text, state, level, categories, version, updatedAt };
  });
}

/**
 * Writes one edit as the next version: fails with 409 when another edit took that version first
 * (the caller re-reads and retries), so no two edits share a version and none is lost.
 */
export async function commitLexiconEdit(
  expectedVersion: number,
  override: Omit<LexiconOverride, 'version'>,
  audit: Omit<LexiconAuditRecord, 'version'>,
): Promise<number> {
  const version = expectedVersion + 1;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: HEAD_KEY,
              UpdateExpression: 'SET version = :next, updatedAt = :at, #type = :type',
              ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(version) OR version = :expected' : 'version = :expected',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':next': version, ':expected': expectedVersion, ':at': audit.at, ':type': 'lexicon-head' },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { pk: OVERRIDES_PK, sk: overrideSk(override.kind, override.form), type: 'lexicon-override', ...override, version },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { pk: AUDIT_PK, sk: String(version).padStart(10, '0'), type: 'lexicon-audit', ...audit, version },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return version;
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') throw new AppError(409, 'LEXICON_VERSION_CONFLICT');
    throw error;
  }
}

export async function lexiconAudit(limit: number, beforeVersion?: number): Promise<LexiconAuditRecord[]> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: beforeVersion === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :before',
      ExpressionAttributeValues: { ':pk': AUDIT_PK, ...(beforeVersion === undefined ? {} : { ':before': String(beforeVersion).padStart(10, '0') }) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (reply.Items ?? []).map((item) => {
    const { version, action, text, before, after, actorId, actorName, reason, at } = item as LexiconAuditRecord;
    return { version, action, text, before: before ?? null, after: after ?? null, actorId, actorName, ...(reason ? { reason } : {}), at };
  });
}
