import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActivityDetail } from '@shared/api';
import { ActionButton } from '../../../components/action-button';
import { SIGNUP_ROUTES, withQuery } from '../../../routes';

interface OrganiserPanelProps {
  detail: ActivityDetail;
  busy: boolean;
  onCancel: (reason: string) => void;
}

const go = (route: string, id: string) => void Taro.navigateTo({ url: withQuery(route, { id }) });

/** What the organising branch can do: the rotating QR, attendance, edit, cancel (with a reason members read). */
export function OrganiserPanel({ detail, busy, onCancel }: OrganiserPanelProps) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const { activity } = detail;
  const live = activity.status === 'open' && detail.signupState !== 'ended';
  return (
    <View className='card'>
      <Text className='card-title'>组织人操作</Text>
      {activity.checkInRequired && detail.checkInOpen ? <ActionButton label='出示签到二维码' onTap={() => go(SIGNUP_ROUTES.checkinQr, activity.id)} /> : null}
      <ActionButton label='报名与出勤名单' variant='secondary' onTap={() => go(SIGNUP_ROUTES.attendance, activity.id)} />
      {live ? <ActionButton label='修改活动' variant='secondary' onTap={() => go(SIGNUP_ROUTES.edit, activity.id)} /> : null}
      {live && !cancelling ? <ActionButton label='取消活动' variant='secondary' onTap={() => setCancelling(true)} /> : null}
      {live && cancelling ? (
        <View>
          <Text className='card-summary'>取消原因会通知所有已报名和候补的同志</Text>
          <Input className='field__input' value={reason} placeholder='例如：大风预警，暂停户外作业' aria-label='取消原因' onInput={(event) => setReason(event.detail.value)} />
          <ActionButton label='确认取消活动' disabled={busy || reason.trim() === ''} onTap={() => onCancel(reason.trim())} />
          <ActionButton label='不取消了' variant='secondary' onTap={() => setCancelling(false)} />
        </View>
      ) : null}
    </View>
  );
}
