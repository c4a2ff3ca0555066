import type { FeatureKey } from '../api/features';
import type { Caller } from './session';

/**
 * Server-side enforcement of feature toggles for endpoints that name a feature.
 * Owned by the feedback loop (issue 6), which evaluates the caller's toggles here (cached per Lambda
 * copy) and throws AppError(403, 'FEATURE_DISABLED') when the feature is off for the caller.
 * Until the toggle store exists every feature is on, which is the platform's behaviour before toggles.
 */
export async function assertFeatureEnabled(_feature: FeatureKey, _caller: Caller | undefined): Promise<void> {
  return;
}
