import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { applyLargeText } from './services/large-text';
import { flushOutbox, startOutbox } from './services/outbox';
import './app.css';

/**
 * The app shell: pages render inside; session checks live in the pages' hooks. What waited offline is sent
 * when the app starts, whenever it comes back to the foreground and when the network returns.
 */
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    applyLargeText();
    startOutbox();
  });
  useDidShow(() => void flushOutbox(true));
  return children;
}

export default App;
