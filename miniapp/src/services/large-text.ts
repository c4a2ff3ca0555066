import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { MyToggles } from '@shared/api';
import { cachedToggles } from './toggles';

/**
 * 大字模式 for older members: larger text and touch targets, a simpler home page. The member's own choice on
 * the "我的" page wins; until they make one, the feedback loop's `ui.large-text` toggle decides (an admin
 * may turn it on for a branch of retired members). Kept per device: it is about the eyes, not the account.
 */
const STORAGE_KEY = 'fpp.prefs.large-text';
export const LARGE_TEXT_CLASS = 'fpp-large-text';

function storedChoice(): boolean | null {
  try {
    const value = Taro.getStorageSync(STORAGE_KEY) as unknown;
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}

/** The member's choice, else the toggle (only an explicit "on": before any answer the mode stays off). */
export function largeTextOn(toggles: MyToggles | null = cachedToggles()): boolean {
  return storedChoice() ?? toggles?.features['ui.large-text'] === true;
}

const listeners = new Set<(on: boolean) => void>();

/** In a browser one class on the document reaches every page at once; mini-program pages add it themselves. */
export function applyLargeText(on: boolean = largeTextOn()): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle(LARGE_TEXT_CLASS, on);
  listeners.forEach((listener) => listener(on));
}

export function setLargeText(on: boolean): void {
  try {
    Taro.setStorageSync(STORAGE_KEY, on);
  } catch {
    // Storage full: the mode still applies until the app is closed.
  }
  applyLargeText(on);
}

/** Whether the mode is on, following changes (the toggle's refresh included: pass the page's toggles). */
export function useLargeText(toggles?: MyToggles | null): boolean {
  const [on, setOn] = useState(() => largeTextOn(toggles ?? cachedToggles()));
  useEffect(() => {
    listeners.add(setOn);
    return () => void listeners.delete(setOn);
  }, []);
  useEffect(() => {
    if (toggles === undefined) return;
    const next = largeTextOn(toggles);
    if (next !== on) applyLargeText(next);
  }, [toggles, on]);
  return on;
}

/** The page root's classes: mini-program pages carry the mode themselves. */
export function pageClass(largeText: boolean): string {
  return largeText ? `page ${LARGE_TEXT_CLASS}` : 'page';
}
