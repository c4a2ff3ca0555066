import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { AttendanceMember } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { useAttendance } from '../../hooks/use-attendance';
import { clockTime } from '../../services/time';
import { SummaryGrid } from '../summary-grid';
import { PageRoot } from '../../../components/page-root';
import '../../signup.css';

function stateOf(member: AttendanceMember, ended: boolean): string {
  if (member.status === 'waitlisted') return `候补第 ${member.position ?? ''} 位`;
  if (member.checkedInAt) return `${member.checkInMethod === 'manual' ? '登记' : '签到'} ${clockTime(member.checkedInAt)}`;
  return ended ? '缺勤' : '未签到';
}

/** The organiser's roster: who registered, who checked in; marking by hand; export. Listed by name, never ranked. */
export default function AttendancePage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const page = useAttendance(params.id ?? '', member !== null);
  if (!member) return null;
  const data = page.data;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        报名与出勤
      </Text>
      {page.loading && !data ? <LoadingText /> : null}
      <ErrorBanner message={page.error} onRetry={page.reload} />
      <ErrorBanner message={page.action.error} />
      {page.action.done ? <Text className='signup-done'>{page.action.done}</Text> : null}
      {data ? (
        <View>
          <Text className='section-title'>{data.activity.title}</Text>
          <View className='card'>
            <SummaryGrid
              cells={[
                { label: '报名成功', value: data.summary.registered },
                { label: '已签到', value: data.summary.checkedIn },
                { label: data.summary.ended ? '缺勤' : '未签到', value: data.summary.ended ? data.summary.absent : data.summary.registered - data.summary.checkedIn },
                { label: '候补', value: data.summary.waitlisted },
              ]}
            />
          </View>
          <ActionButton label='导出出勤表（CSV）' variant='secondary' disabled={page.action.busy} onTap={page.exportCsv} />
          <View className='card'>
            {data.members.length === 0 ? <Text className='hint'>还没有人报名</Text> : null}
            {data.members.map((m) => (
              <View key={m.userId} className='roster-row'>
                <Text className='roster-row__name'>{m.name}</Text>
                <Text className='roster-row__state'>{stateOf(m, data.summary.ended)}</Text>
                {m.status === 'confirmed' ? (
                  <Text
                    className='roster-row__button'
                    {...aria('button', m.checkedInAt ? `撤销${m.name}的出勤` : `登记${m.name}出勤`)}
                    onClick={() => page.mark(m.userId, m.name, !m.checkedInAt)}
                  >
                    {m.checkedInAt ? '撤销' : '登记出勤'}
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </PageRoot>
  );
}
