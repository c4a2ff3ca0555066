import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { OUTBOX_SENT_EVENT, flushOutbox, pendingState, subscribeOutbox, type PendingState } from '../services/outbox';

/** What waits on the device to be sent, kept current as the queue changes. */
export function usePending(): PendingState {
  const [state, setState] = useState(pendingState);
  useEffect(() => subscribeOutbox(() => setState(pendingState())), []);
  useDidShow(() => {
    const now = pendingState();
    setState(now);
    // Back on a page after signing in again (or from elsewhere): a good moment to try what waits.
    if (now.items.length > 0) void flushOutbox(true);
  });
  return state;
}

/** Runs `reload` whenever queued writes reached the server (a list showing them is out of date). */
export function useReloadWhenSent(reload: () => void): void {
  useEffect(() => {
    const listener = () => reload();
    Taro.eventCenter.on(OUTBOX_SENT_EVENT, listener);
    return () => void Taro.eventCenter.off(OUTBOX_SENT_EVENT, listener);
  }, [reload]);
}
