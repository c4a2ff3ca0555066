import { useCallback, useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { signupApi, type ActivityDetail } from '@shared/api';
import { useAsync } from '../../hooks/use-async';
import { ApiError, call } from '../../services/api';
import { announceChange } from '../../services/freshness';
import { sendOrQueue } from '../../services/outbox';
import { scanCheckinCode } from '../../services/wecom';
import { newRequestId } from '../../services/request-id';
import { useAction } from './use-action';

/** Worth sending again with the same request id: the first try may have reached the server. */
const mayHaveLanded = (error: unknown) => !(error instanceof ApiError) || error.code === 'NETWORK' || error.status >= 500;

async function confirmed(title: string, content: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '再想想' });
  return answer.confirm;
}

/** An activity's detail and what the member can do with it: register, cancel, check in. */
export function useActivity(id: string, enabled: boolean) {
  const detail = useAsync<ActivityDetail>(() => call(signupApi.getActivity, { params: { id } }), enabled && id !== '');
  const { reload } = detail;
  // 我的报名 (kept on the phone) is still open below this page: it reloads too.
  const afterAction = useCallback(() => {
    reload();
    announceChange('signup.');
  }, [reload]);
  const action = useAction(afterAction);
  // Kept until the server answers for sure, so a retry after a lost answer registers only once.
  const pendingRegistration = useRef<string | null>(null);
  useDidShow(() => {
    if (detail.data) detail.reload();
  });

  const register = () =>
    action.run(async () => {
      pendingRegistration.current ??= newRequestId('reg');
      const body = { clientRequestId: pendingRegistration.current };
      try {
        const delivery = await sendOrQueue({ kind: 'registration', activityId: id, body }, detail.data?.activity.title ?? '活动', () =>
          call(signupApi.register, { params: { id }, body }),
        );
        // Queued: the same id stays, so tapping again does not queue a second registration.
        if (!delivery.sent) return '网络不给力，报名已保存在手机上（待发送），联网后自动提交';
        const { registration } = delivery.result;
        pendingRegistration.current = null;
        return registration.status === 'confirmed' ? '报名成功' : `名额已满，您已进入候补名单第 ${registration.position ?? ''} 位，有人取消时自动递补并通知您`;
      } catch (error) {
        if (!mayHaveLanded(error)) pendingRegistration.current = null;
        throw error;
      }
    });

  const cancel = () =>
    action.run(async () => {
      if (!(await confirmed('取消报名', '确定要取消报名吗？名额会让给候补的同志。'))) return '';
      await call(signupApi.cancelRegistration, { params: { id } });
      return '已取消报名';
    });

  const checkIn = (presented: string) =>
    action.run(async () => {
      const answer = await call(signupApi.checkIn, { params: { id }, body: { token: presented } });
      return answer.alreadyCheckedIn ? '您已经签到过了' : '签到成功';
    });

  /** Inside the mini-program: the camera reads the QR code on the organiser's screen. */
  const scanToCheckIn = () =>
    action.run(async () => {
      const token = await scanCheckinCode();
      if (!token) return '';
      const answer = await call(signupApi.checkIn, { params: { id }, body: { token } });
      return answer.alreadyCheckedIn ? '您已经签到过了' : '签到成功';
    });

  const cancelActivity = (reason: string) =>
    action.run(async () => {
      await call(signupApi.cancelActivity, { params: { id }, body: { reason } });
      return '活动已取消，已通知所有报名的同志';
    });

  return { ...detail, action, register, cancel, checkIn, scanToCheckIn, cancelActivity };
}
