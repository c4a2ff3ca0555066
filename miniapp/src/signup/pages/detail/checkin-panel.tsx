import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Registration } from '@shared/api';
import { ActionButton } from '../../../components/action-button';
import { clockTime } from '../../services/time';

interface CheckinPanelProps {
  registration: Registration;
  busy: boolean;
  onScan: () => void;
  onCode: (code: string) => void;
}

/**
 * Check-in for a confirmed member while the window is open: the camera in the mini-program, the six digits
 * under the organiser's QR code in a browser. Nothing about where the member is.
 */
export function CheckinPanel({ registration, busy, onScan, onCode }: CheckinPanelProps) {
  const [code, setCode] = useState('');
  if (registration.checkedInAt) {
    return <Text className='signup-done'>{`已签到（${clockTime(registration.checkedInAt)}）`}</Text>;
  }
  return (
    <View className='card'>
      <Text className='card-title'>现场签到</Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <ActionButton label='扫码签到' disabled={busy} onTap={onScan} />
      ) : (
        <View>
          <Text className='card-summary'>请输入组织人屏幕上二维码下方的 6 位签到码</Text>
          <Input
            className='field__input'
            type='number'
            maxlength={6}
            value={code}
            placeholder='6 位签到码'
            aria-label='签到码'
            onInput={(event) => setCode(event.detail.value)}
          />
          <ActionButton label='签到' disabled={busy || code.trim().length !== 6} onTap={() => onCode(code.trim())} />
        </View>
      )}
    </View>
  );
}
