import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { CAPABILITIES, feedbackApi, myTogglesSchema, togglesEtag, type CapabilityKey, type FeatureKey, type MyToggles } from '@shared/api';
import { call } from './api';
import { useOnline } from '../hooks/use-online';
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
  /** Device time (ms) of the answer. */
  savedAt?: number;
}

function stored(userId: string | undefined): { toggles: MyToggles; savedAt: number | null } | null {
  if (!userId) return null;
  try {
    const value = Taro.getStorageSync(STORAGE_KEY) as StoredToggles | '';
    if (!value || value.userId !== userId) return null;
    const parsed = myTogglesSchema.safeParse(value.toggles);
    return parsed.success ? { toggles: parsed.data, savedAt: typeof value.savedAt === 'number' ? value.savedAt : null } : null;
  } catch {
    return null;
  }
}

export function cachedToggles(userId: string | undefined = currentMember()?.userId): MyToggles | null {
  return stored(userId)?.toggles ?? null;
}

/**
 * A page asks on mount and again when it shows, which on launch is the same moment: callers while a refresh
 * is under way share it, so a member on a weak signal pays one round trip, not two.
 */
let refreshing: Promise<MyToggles> | undefined;

/** Fetches the member's toggles (only revalidating the stored copy when there is one) and keeps them for offline use. */
export function refreshToggles(): Promise<MyToggles> {
  refreshing ??= fetchToggles().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

async function fetchToggles(): Promise<MyToggles> {
  const member = currentMember();
  const copy = stored(member?.userId)?.toggles;
  const toggles = await call(feedbackApi.myToggles, copy ? { revalidate: { etag: togglesEtag(copy.version), copy } } : {});
  try {
    if (member) Taro.setStorageSync(STORAGE_KEY, { userId: member.userId, toggles, savedAt: Date.now() } satisfies StoredToggles);
  } catch {
    // Storage full: the fresh answer is still used; only the offline copy is missing.
  }
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
  /** The device is offline, or the last refresh failed: what is shown comes from storage. */
  offline: boolean;
  /** When the stored copy was fetched (device ms), if known. */
  savedAt: number | null;
}

/** The member's toggles: from storage at once, refreshed whenever the page shows. */
export function useToggles(): TogglesState {
  const [state, setState] = useState<TogglesState>(() => {
    const copy = stored(currentMember()?.userId);
    return { toggles: copy?.toggles ?? null, offline: false, savedAt: copy?.savedAt ?? null };
  });
  const refresh = useCallback(() => {
    if (!currentMember()) return;
    refreshToggles().then(
      (toggles) => setState({ toggles, offline: false, savedAt: Date.now() }),
      () => setState((previous) => ({ ...previous, offline: true })),
    );
  }, []);
  const online = useOnline();
  // Also when the network returns: the "offline" note goes with a fresh answer.
  useEffect(() => {
    if (online) refresh();
  }, [refresh, online]);
  useDidShow(refresh);
  return { ...state, offline: state.offline || !online };
}
