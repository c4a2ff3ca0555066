import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { orgLifeApi, type MeetingDetail } from '@shared/api';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { useAction } from '../../../hooks/use-action';
import { ORG_LIFE_ROUTES, withQuery } from '../../../routes';
import { call, messageOf } from '../../../services/api';
import { savePdf } from '../../../services/save-pdf';

interface PanelProps {
  detail: MeetingDetail;
  onChanged: () => void;
}

/** While a meeting is planned the secretary may change it or call it off with a reason; attendees are told either way. */
export function PlanChanges({ detail, onChanged }: PanelProps) {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const cancel = () =>
    run(async () => {
      await call(orgLifeApi.cancelMeeting, { params: { id: detail.meeting.id }, body: { reason: reason.trim() } });
      onChanged();
    });
  return (
    <View className='card'>
      <Text className='card-title'>调整会议</Text>
      <ActionButton label='修改会议' variant='secondary' onTap={() => void Taro.navigateTo({ url: withQuery(ORG_LIFE_ROUTES.plan, { id: detail.meeting.id }) })} />
      <Input className='field__input' value={reason} placeholder='取消原因（会通知参会人员）' aria-label='取消原因' maxlength={100} onInput={(event) => setReason(event.detail.value)} />
      <ActionButton label='取消会议' variant='secondary' disabled={busy || reason.trim().length < 2} onTap={() => void cancel()} />
      <ErrorBanner message={error} />
    </View>
  );
}

/** The printable meeting record (会议记录, PDF): downloaded in the browser, opened for printing in the mini-program. */
export function RecordDownload({ detail }: Pick<PanelProps, 'detail'>) {
  const [message, setMessage] = useState<string | null>(null);
  const download = async () => {
    try {
      const file = await call(orgLifeApi.meetingPdf, { params: { id: detail.meeting.id } });
      setMessage(await savePdf({ filename: file.filename, pdfBase64: file.base64 }));
    } catch (failure) {
      setMessage(messageOf(failure));
    }
  };
  return (
    <View>
      <ActionButton label='下载会议记录（PDF）' variant='secondary' onTap={() => void download()} />
      {message ? <Text className='hint'>{message}</Text> : null}
    </View>
  );
}
