import Taro from '@tarojs/taro';

/**
 * Whether the device has a network, as the platform reports it: the browser's `online`/`offline` events in H5,
 * the mini-program's network status elsewhere. Notes that say "网络不可用" follow this, so they go away the
 * moment the connection returns instead of staying until the page is opened again.
 */
let online = process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' ? navigator.onLine : true;
const listeners = new Set<(online: boolean) => void>();
let watching = false;

function update(next: boolean): void {
  if (next === online) return;
  online = next;
  listeners.forEach((listener) => listener(next));
}

function watch(): void {
  if (watching) return;
  watching = true;
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window === 'undefined') return;
    window.addEventListener('online', () => update(true));
    window.addEventListener('offline', () => update(false));
    return;
  }
  Taro.onNetworkStatusChange(({ isConnected }) => update(isConnected));
  Taro.getNetworkType({ success: ({ networkType }) => update(networkType !== 'none') }).catch(() => undefined);
}

export function isOnline(): boolean {
  watch();
  return online;
}

/** Calls `listener` whenever the connection comes or goes; answers the unsubscribe. */
export function onConnectionChange(listener: (online: boolean) => void): () => void {
  watch();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
