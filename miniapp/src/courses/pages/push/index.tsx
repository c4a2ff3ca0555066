import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { coursesApi, type PushRun } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { COURSE_ROUTES } from '../../../routes';
import { call, messageOf } from '../../../services/api';
import { PushSettingsForm } from '../../components/push-settings-form';
import { percent } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../courses.css';

const STATUS_LABELS: Record<PushRun['status'], string> = { planning: '正在生成推荐', sending: '正在发送', done: '已完成' };

function runLine(run: PushRun): string {
  const skipped = run.skipped.optedOut + run.skipped.frequencyCap + run.skipped.nothingToRecommend;
  return `${STATUS_LABELS[run.status]} · ${run.recipients} 人 · ${run.notices} 条消息 · 跳过 ${skipped} 人（关闭推送 ${run.skipped.optedOut}）${run.waitingFor ? ` · ${run.waitingFor}` : ''}`;
}

/** Admins: trigger this week's push, see recent runs, failed notices and the push's rates; frequency caps and quiet hours. */
export default function CoursePushPage() {
  const member = useRequiredMember();
  const report = useAsync(() => call(coursesApi.pushReport), member !== null);
  const settings = useAsync(() => call(coursesApi.pushSettings), member !== null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;

  const runNow = () => {
    setBusy(true);
    setError(null);
    call(coursesApi.runPush, { body: {} })
      .then((run) => setMessage(`${run.week}：${runLine(run)}`))
      .catch((reason: unknown) => setError(messageOf(reason)))
      .finally(() => {
        setBusy(false);
        report.reload();
      });
  };
  const metrics = report.data?.metrics;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        课程推送
      </Text>
      <Text className='muted'>每周一 9:00 自动推送；关闭推送的党员不会收到，免打扰时段内不发送。</Text>
      <ActionButton label='立即推送本周课程' disabled={busy} onTap={runNow} />
      {message ? <Text className='hint' {...aria('status')}>{message}</Text> : null}
      <ErrorBanner message={error} />
      {report.loading && !report.data ? <LoadingText /> : null}
      <ErrorBanner message={report.error} onRetry={report.reload} />
      {metrics ? (
        <View className='card'>
          <Text className='card-title'>{`近 ${metrics.days} 天效果`}</Text>
          <InfoRow label='推送人次' value={String(metrics.sent)} />
          <InfoRow label='打开率' value={`${percent(metrics.clickThroughRate)}（${metrics.clicks} 次）`} />
          <InfoRow label='学完率' value={`${percent(metrics.completionRate)}（${metrics.completions} 门）`} />
        </View>
      ) : null}
      <Text className='section-title'>最近的推送</Text>
      {report.data?.runs.length === 0 ? <Text className='hint'>还没有推送记录</Text> : null}
      {report.data?.runs.map((run) => <InfoRow key={run.week} label={run.week} value={runLine(run)} />)}
      <Text className='section-title'>发送失败的消息</Text>
      {report.data?.failedNotices.length === 0 ? <Text className='hint'>没有发送失败的消息</Text> : null}
      {report.data?.failedNotices.map((notice) => (
        <InfoRow key={notice.key} label={`${notice.recipients} 人`} value={`重试 ${notice.attempts} 次仍失败：${notice.lastError ?? '未知原因'}`} />
      ))}
      <ActionButton label='查看并重新发送失败的消息' variant='secondary' onTap={() => void Taro.navigateTo({ url: COURSE_ROUTES.notices })} />
      {settings.data ? <PushSettingsForm settings={settings.data} onSaved={settings.reload} /> : null}
      {settings.data ? <InfoRow label='年度学时要求' value={`${settings.data.annualStudyHours} 学时`} /> : null}
    </PageRoot>
  );
}
