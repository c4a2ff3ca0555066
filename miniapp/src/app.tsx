import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { applyLargeText } from './services/large-text';
import { flushOutbox, startOutbox } from './services/outbox';
import { registerServiceWorker } from './services/service-worker';
import { fixTitleBarIcons } from './services/title-bar';
import './app.css';

/**
 * The app shell: pages render inside; session checks live in the pages' hooks. What waited offline is sent
 * when the app starts, whenever it comes back to the foreground and when the network returns. In H5 a service
 * worker keeps the app's code on the device so it also opens offline.
 */
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    applyLargeText();
    startOutbox();
    if (process.env.TARO_ENV === 'h5') {
      registerServiceWorker();
      fixTitleBarIcons();
    }
  });
  useDidShow(() => void flushOutbox(true));
  return children;
}

export default App;
