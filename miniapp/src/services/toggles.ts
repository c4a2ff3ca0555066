import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { CAPABILITIES, feedbackApi, myTogglesSchema, type CapabilityKey, type FeatureKey, type MyToggles } from '@shared/api';
import { call } from './api';
import { currentMember } from './session';

/**
 * The member's evaluated feature toggles (GET /api/v1/toggles), kept in storage so the app shows the same
 * entries offline — a ranger at a remote station opens the app on what it last knew. The server enforces
 * the toggles anyway; hiding is for the member's sake.
 */
const STORAGE_KEY = 'fpp.toggles';

interface StoredToggles {
  userId: string;
  toggles: MyToggles;
}

export function cachedToggles(userId: string | undefined = currentMember()?.userId): MyToggles | null {
  if (!userId) return null;
  try {
    const stored = Taro.getStorageSync(STORAGE_KEY) as StoredToggles | '';
    if (!stored || stored.userId !== userId) return null;
    const parsed = myTogglesSchema.safeParse(stored.toggles);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Fetches the member's toggles and keeps them for offline use. */
export async function refreshToggles(): Promise<MyToggles> {
  const toggles = await call(feedbackApi.myToggles);
  const member = currentMember();
  if (member) Taro.setStorageSync(STORAGE_KEY, { userId: member.userId, toggles } satisfies StoredToggles);
  return toggles;
}

/** Whether a feature is on; before the first answer ever arrives everything counts as on (the server decides). */
export function isOn(toggles: MyToggles | null, feature: FeatureKey): boolean {
  return toggles ? toggles.features[feature] !== false : true;
}

/** The home entries in the member's order, and those moved to "more". */
export function homeEntries(toggles: MyToggles | null): { order: CapabilityKey[]; more: CapabilityKey[] } {
  return toggles ? toggles.home : { order: CAPABILITIES.map((capability) => capability.key), more: [] };
}

export interface TogglesState {
  toggles: MyToggles | null;
  /** The last refresh failed: what is shown comes from storage. */
  offline: boolean;
}

/** The member's toggles: from storage at once, refreshed whenever the page shows. */
export function useToggles(): TogglesState {
  const [state, setState] = useState<TogglesState>(() => ({ toggles: cachedToggles(), offline: false }));
  const refresh = useCallback(() => {
    if (!currentMember()) return;
    refreshToggles().then(
      (toggles) => setState({ toggles, offline: false }),
      () => setState((previous) => ({ ...previous, offline: true })),
    );
  }, []);
  useEffect(refresh, [refresh]);
  useDidShow(refresh);
  return state;
}
