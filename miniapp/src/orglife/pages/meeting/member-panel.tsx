import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { orgLifeApi, type MeetingDetail } from '@shared/api';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { call, messageOf } from '../../../services/api';
import { toServerTime } from '../../../services/clock';
import { scanCheckinCode } from '../../../services/wecom';
import { sendOrQueue } from '../../../services/outbox';
import { newRequestId } from '../../../services/request-id';

interface MemberPanelProps {
  detail: MeetingDetail;
  onChanged: () => void;
}

/**
 * A member's part: check in with the six digits on the secretary's screen, or ask for leave with a reason. Both
 * wait on the phone as "待发送" when the network is gone (a check-in counts as of the moment it was typed).
 * Nothing about where the member is.
 */
export function MemberPanel({ detail, onChanged }: MemberPanelProps) {
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { meeting, myAttendance } = detail;
  if (!myAttendance || meeting.status !== 'planned' || Date.parse(meeting.endAt) < Date.now() - 30 * 60_000) return null;
  if (myAttendance.status === 'present') return <Text className='hint'>您已签到</Text>;

  const run = async (work: () => Promise<boolean>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      setMessage((await work()) ? done : '网络不可用，已保存在手机上，联网后自动发送');
      onChanged();
    } catch (reason_) {
      setError(messageOf(reason_));
    } finally {
      setBusy(false);
    }
  };

  const checkIn = (token: string) =>
    run(async () => {
      const body = { token, clientRequestId: newRequestId('mci'), scannedAt: new Date().toISOString() };
      const delivery = await sendOrQueue({ kind: 'meeting-checkin', meetingId: meeting.id, body }, meeting.topic, () =>
        call(orgLifeApi.checkIn, { params: { id: meeting.id }, body: { ...body, scannedAt: toServerTime(body.scannedAt) } }),
      );
      return delivery.sent;
    }, '签到成功');

  /** The camera reads the secretary's QR code (WeCom, WeChat); a cancelled scan changes nothing. */
  const scanAndCheckIn = async () => {
    const scanned = await scanCheckinCode();
    if (scanned) await checkIn(scanned);
  };

  const askLeave = () =>
    run(async () => {
      const body = { reason: reason.trim(), clientRequestId: newRequestId('mlv') };
      const delivery = await sendOrQueue({ kind: 'meeting-leave', meetingId: meeting.id, body }, meeting.topic, () => call(orgLifeApi.askLeave, { params: { id: meeting.id }, body }));
      return delivery.sent;
    }, '请假已提交');

  return (
    <View className='card'>
      <Text className='card-title'>现场签到</Text>
      <Text className='card-summary'>请扫描书记屏幕上的二维码，或输入下方的 6 位签到码</Text>
      <Input className='field__input' type='number' maxlength={6} value={code} placeholder='6 位签到码' aria-label='签到码' onInput={(event) => setCode(event.detail.value)} />
      <ActionButton label='签到' disabled={busy || code.trim().length !== 6} onTap={() => void checkIn(code.trim())} />
      {process.env.TARO_ENV === 'h5' ? null : <ActionButton label='扫码签到' variant='secondary' disabled={busy} onTap={() => void scanAndCheckIn()} />}
      {myAttendance.status === 'leave' ? <Text className='hint'>{`已请假：${myAttendance.leaveReason ?? ''}`}</Text> : null}
      <Text className='card-title'>不能参加？</Text>
      <Input className='field__input' value={reason} placeholder='请假原因' aria-label='请假原因' maxlength={100} onInput={(event) => setReason(event.detail.value)} />
      <ActionButton label='请假' variant='secondary' disabled={busy || reason.trim().length < 2} onTap={() => void askLeave()} />
      {message ? <Text className='hint'>{message}</Text> : null}
      <ErrorBanner message={error} />
    </View>
  );
}
