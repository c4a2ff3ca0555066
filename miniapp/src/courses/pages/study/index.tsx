import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { coursesApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PendingList } from '../../../components/pending-list';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import { flushOutbox } from '../../../services/outbox';
import { HoursCard } from '../../components/hours-card';
import { dueText } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../courses.css';

function requiredStatus(course: { completed: boolean; overdue: boolean; progress: number; dueDate: string }): string {
  if (course.completed) return '已完成';
  if (course.overdue) return `已过截止日期（${dueText(course.dueDate)}）`;
  return `${dueText(course.dueDate)}前完成${course.progress > 0 ? `，已学 ${course.progress}%` : ''}`;
}

/** The member's own study year: hours against the requirement, required courses, history, push preference. */
export default function MyStudyPage() {
  const member = useRequiredMember();
  const study = useAsync(() => call(coursesApi.myStudy), member !== null);
  const preference = useAsync(() => call(coursesApi.pushPreference), member !== null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    void flushOutbox().then(() => study.reload());
  });
  if (!member) return null;

  const togglePush = () => {
    setError(null);
    call(coursesApi.setPushPreference, { body: { enabled: !preference.data?.enabled } })
      .then(preference.reload)
      .catch((reason: unknown) => setError(messageOf(reason)));
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        我的学时
      </Text>
      {study.loading && !study.data ? <LoadingText /> : null}
      <ErrorBanner message={study.error} onRetry={study.reload} />
      <PendingList kinds={['progress']} />
      {study.data ? (
        <View>
          <HoursCard study={study.data} />
          <Text className='section-title'>必修课</Text>
          <View className='card'>
            {study.data.requiredCourses.length === 0 ? <Text className='card-summary'>今年没有需要您完成的必修课</Text> : null}
            {study.data.requiredCourses.map((course) => (
              <InfoRow key={course.courseId} label={course.title} value={requiredStatus(course)} />
            ))}
          </View>
          {study.data.inProgress.length > 0 ? <Text className='section-title'>正在学习</Text> : null}
          {study.data.inProgress.length > 0 ? (
            <View className='card'>
              {study.data.inProgress.map((course) => (
                <InfoRow key={course.courseId} label={course.title} value={`已学 ${course.progress}%`} />
              ))}
            </View>
          ) : null}
          <Text className='section-title'>本年度已完成</Text>
          <View className='card'>
            {study.data.completed.length === 0 ? <Text className='card-summary'>还没有完成的课程</Text> : null}
            {study.data.completed.map((course) => (
              <InfoRow key={course.courseId} label={course.title} value={`${course.hours} 学时`} />
            ))}
          </View>
        </View>
      ) : null}
      <Text className='section-title'>课程推送</Text>
      <ErrorBanner message={error ?? preference.error} />
      {preference.data ? (
        <View>
          <Text className='hint'>{preference.data.enabled ? '每周一通过企业微信为您推荐课程' : '您已关闭课程推送'}</Text>
          <ActionButton label={preference.data.enabled ? '关闭课程推送' : '开启课程推送'} variant='secondary' onTap={togglePush} />
        </View>
      ) : null}
    </PageRoot>
  );
}
