import { Text, View } from '@tarojs/components';
import { MEETING_TYPE_LABELS, orgLifeApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import '../../orglife.css';

/** The committee's view of the year: per period meetings held against due, open and overdue tasks. No photos, no ranking. */
export default function OverviewPage() {
  const member = useRequiredMember();
  const state = useAsync(() => call(orgLifeApi.overview, {}), member !== null);
  if (!member) return null;
  const view = state.data;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        落实情况
      </Text>
      {state.loading && !view ? <LoadingText /> : null}
      <ErrorBanner message={state.error} onRetry={state.reload} />
      {view ? (
        <View>
          <Text className='card-summary'>{`${view.branchName} ${view.year} 年：应开 ${view.totals.due} 次，已开 ${view.totals.held} 次；待办任务 ${view.openTasks.length} 项，逾期 ${view.overdueTasks} 项`}</Text>
          <View className='card'>
            {[...view.rows].reverse().map((row) => (
              <View key={`${row.type}-${row.period}`} className='orglife-row'>
                <Text>{`${row.period} ${MEETING_TYPE_LABELS[row.type]}`}</Text>
                <Text className={row.endingShort ? 'orglife-short' : ''}>{`${row.held}/${row.due}${row.endingShort ? ' 待召开' : ''}`}</Text>
              </View>
            ))}
          </View>
          <Text className='section-title'>待办任务</Text>
          {view.openTasks.map((task) => (
            <Text key={task.id} className='card-summary'>{`${task.title}｜${task.ownerName}｜${task.dueDate}${task.overdue ? '｜已逾期' : ''}`}</Text>
          ))}
        </View>
      ) : null}
    </PageRoot>
  );
}
