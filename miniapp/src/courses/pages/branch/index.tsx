import { Text, View } from '@tarojs/components';
import { coursesApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { ProgressBar } from '../../components/progress-bar';
import { dueText, percent } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../courses.css';

/** The secretary's view of the branch: totals and shares only — no list or ranking of members. */
export default function BranchStudyPage() {
  const member = useRequiredMember();
  const summary = useAsync(() => call(coursesApi.branchStudy), member !== null);
  if (!member) return null;
  const data = summary.data;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        支部学习情况
      </Text>
      {summary.loading ? <LoadingText /> : null}
      <ErrorBanner message={summary.error} onRetry={summary.reload} />
      {data ? (
        <View>
          <View className='card'>
            <Text className='card-title'>{`${data.year} 年`}</Text>
            <InfoRow label='党员人数' value={`${data.memberCount} 人`} />
            <InfoRow label='累计学时' value={`${data.totalHours} 学时`} />
            <InfoRow label='人均学时' value={`${data.averageHours} 学时`} />
            <InfoRow label='达到要求' value={`${data.membersMeetingRequirement} 人达到 ${data.requiredHours} 学时`} />
          </View>
          <Text className='section-title'>必修课完成情况</Text>
          {data.requiredCourses.map((course) => (
            <View key={course.courseId} className='card'>
              <Text className='card-title'>{course.title}</Text>
              <Text className='card-summary'>{`${dueText(course.dueDate)}前完成 · ${course.completedMembers}/${course.eligibleMembers} 人 · ${percent(course.completionRate)}`}</Text>
              <ProgressBar ratio={course.completionRate} label={`完成率 ${percent(course.completionRate)}`} />
            </View>
          ))}
          <Text className='muted'>按规定，学习情况只做支部汇总，不对个人排名。</Text>
        </View>
      ) : null}
    </PageRoot>
  );
}
