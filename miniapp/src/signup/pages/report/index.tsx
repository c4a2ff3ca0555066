import { Picker, Text, View } from '@tarojs/components';
import { ACTIVITY_TYPE_LABELS } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { useBranchReport } from '../../hooks/use-branch-report';
import { useBranches } from '../../hooks/use-lists';
import { dayAndTime } from '../../services/time';
import { SummaryGrid } from '../summary-grid';
import { PageRoot } from '../../../components/page-root';
import '../../signup.css';

/** Attendance of a branch's members over a period, activity by activity: counts only, no ranking of people. */
export default function BranchReportPage() {
  const member = useRequiredMember();
  const report = useBranchReport(member !== null);
  const isAdmin = member?.roles.includes('admin') ?? false;
  const branches = useBranches(isAdmin);
  if (!member) return null;
  const data = report.data;
  const branchList = branches.data ?? [];

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        支部出勤统计
      </Text>
      <View className='field field__pair'>
        <Picker className='field__picker' mode='date' value={report.period.from} aria-label='统计开始日期' onChange={(e) => report.change({ from: String(e.detail.value) })}>
          <Text className='field__picker-value'>{`从 ${report.period.from}`}</Text>
        </Picker>
        <Picker className='field__picker' mode='date' value={report.period.to} aria-label='统计结束日期' onChange={(e) => report.change({ to: String(e.detail.value) })}>
          <Text className='field__picker-value'>{`到 ${report.period.to}`}</Text>
        </Picker>
      </View>
      {isAdmin && branchList.length > 0 ? (
        <Picker mode='selector' range={branchList.map((b) => b.name)} aria-label='切换支部' onChange={(e) => report.change({ branchId: branchList[Number(e.detail.value)]?.id })}>
          <Text className='field__picker-value'>{`支部：${data?.branchName ?? '本支部'}（点击切换）`}</Text>
        </Picker>
      ) : null}
      {report.loading && !data ? <LoadingText /> : null}
      <ErrorBanner message={report.error} onRetry={report.reload} />
      <ErrorBanner message={report.action.error} />
      {report.action.done ? <Text className='signup-done'>{report.action.done}</Text> : null}
      {data ? (
        <View>
          <Text className='section-title'>{data.branchName}</Text>
          <View className='card'>
            <SummaryGrid
              cells={[
                { label: '活动', value: data.totals.activities },
                { label: '报名成功', value: data.totals.registered },
                { label: '已签到', value: data.totals.checkedIn },
                { label: '缺勤', value: data.totals.absent },
              ]}
            />
          </View>
          <ActionButton label='导出统计表（CSV）' variant='secondary' disabled={report.action.busy} onTap={report.exportCsv} />
          {data.activities.length === 0 ? <Text className='hint'>这段时间没有活动</Text> : null}
          {data.activities.map((a) => (
            <View key={a.id} className='card'>
              <Text className='card-title'>{a.title}</Text>
              <Text className='card-summary'>{`${ACTIVITY_TYPE_LABELS[a.type]} · ${dayAndTime(a.startAt)}${a.status === 'cancelled' ? ' · 已取消' : ''}`}</Text>
              <Text className='card-summary'>{`报名成功 ${a.registered} 人，签到 ${a.checkedIn} 人，缺勤 ${a.absent} 人`}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageRoot>
  );
}
