import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FEATURES, type FeatureKey } from '../api/features';
import { homeLayoutSchema, toggleStateSchema, type HomeLayout, type ToggleState } from '../api/feedback';
import type { MemberCategory } from '../api/identity-model';
import { isFeatureOn } from '../toggles/evaluate';
import { AppError } from './app-error';
import { db, tableName } from './db';
import type { TableGrant } from './deployment';
import { logger } from './logger';
import type { Caller } from './session';

/**
 * Server-side enforcement of feature toggles for endpoints that name a feature, and the one reader of the
 * toggle configuration (the feedback function's GET /api/v1/toggles uses it too).
 *
 * The configuration is a handful of small items under one partition (`FEATURECONFIG`), read with one Query
 * and cached per Lambda copy for a short time: a change reaches every copy within FEATURE_CONFIG_TTL_MS,
 * and at once in the copy that made it. Every function's router consults it: each deployment adds FEATURE_GATE_ACCESS.
 */
export const FEATURE_CONFIG_TTL_MS = 15_000;

export const FEATURE_CONFIG_PK = 'FEATURECONFIG';
export const FEATURE_GATE_ACCESS: TableGrant = { actions: ['dynamodb:Query'], table: [FEATURE_CONFIG_PK] };
export const featureConfigKeys = {
  toggle: (feature: FeatureKey) => ({ pk: FEATURE_CONFIG_PK, sk: `TOGGLE#${feature}` }),
  home: (category: MemberCategory) => ({ pk: FEATURE_CONFIG_PK, sk: `HOME#${category}` }),
};

export interface FeatureConfig {
  toggles: Partial<Record<FeatureKey, ToggleState>>;
  homes: Partial<Record<MemberCategory, HomeLayout>>;
  /** Changes whenever any item changes: part of the toggles' ETag. */
  stamp: string;
}

interface CacheEntry {
  table: string;
  loadedAt: number;
  config: Promise<FeatureConfig>;
}
let cache: CacheEntry | undefined;

async function readFeatureConfig(): Promise<FeatureConfig> {
  const config: FeatureConfig = { toggles: {}, homes: {}, stamp: '' };
  const stamps: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const reply = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': FEATURE_CONFIG_PK },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of reply.Items ?? []) {
      const sk = String(item.sk);
      stamps.push(`${sk}@${String(item.version ?? '')}${String(item.updatedAt ?? '')}${String(item.usageComputedAt ?? '')}`);
      const parsed = sk.startsWith('TOGGLE#') ? toggleStateSchema.safeParse(item) : homeLayoutSchema.safeParse(item);
      if (!parsed.success) {
        logger.warn('ignoring a malformed feature configuration item', { sk });
        continue;
      }
      if ('feature' in parsed.data) config.toggles[parsed.data.feature] = parsed.data;
      else config.homes[parsed.data.category] = parsed.data;
    }
    start = reply.LastEvaluatedKey;
  } while (start);
  config.stamp = stamps.sort().join('|');
  return config;
}

/** The current configuration, from this copy's cache when it is fresh. Concurrent callers share one read. */
export function loadFeatureConfig(now = Date.now()): Promise<FeatureConfig> {
  const table = tableName();
  if (cache && cache.table === table && now - cache.loadedAt < FEATURE_CONFIG_TTL_MS) return cache.config;
  const entry: CacheEntry = { table, loadedAt: now, config: readFeatureConfig() };
  // A failed read is not cached: the next request tries again.
  entry.config.catch(() => {
    if (cache === entry) cache = undefined;
  });
  cache = entry;
  return entry.config;
}

/** After this copy changed the configuration: the next read goes to the table. */
export function forgetFeatureConfig(): void {
  cache = undefined;
}

/** Throws 403 FEATURE_DISABLED when the feature is off for the caller. */
export async function assertFeatureEnabled(feature: FeatureKey, caller: Caller | undefined): Promise<void> {
  const { toggles } = await loadFeatureConfig();
  if (!isFeatureOn(feature, toggles, caller)) {
    throw new AppError(403, 'FEATURE_DISABLED', `「${FEATURES[feature]}」功能暂未向您开放`);
  }
}
