import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { applyUpdate, onUpdateReady, updateWaiting } from '../../services/service-worker';
import { aria } from '../a11y';
import './index.css';

/** H5: a new deployment is on the device and waits for the member's tap to take over. */
export function UpdatePrompt() {
  const [ready, setReady] = useState(updateWaiting);
  useEffect(() => {
    setReady(updateWaiting());
    return onUpdateReady(() => setReady(true));
  }, []);
  if (!ready) return null;
  return (
    <Text className='update-prompt' {...aria('button', '有新版本，点此刷新')} onClick={applyUpdate}>
      有新版本，点此刷新
    </Text>
  );
}
