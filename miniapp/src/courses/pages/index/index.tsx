import { Text } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { coursesApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { CacheNote } from '../../../components/cache-note';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useCachedCall } from '../../../hooks/use-cached';
import { useRequiredMember } from '../../../hooks/use-session';
import { COURSE_ROUTES } from '../../../routes';
import { call } from '../../../services/api';
import { pushedCourseUrl } from '../../../services/deep-link';
import { flushOutbox } from '../../../services/outbox';
import { CourseCard } from '../../components/course-card';
import { HoursCard } from '../../components/hours-card';
import { PageRoot } from '../../../components/page-root';
import '../../courses.css';

const open = (url: string) => void Taro.navigateTo({ url });

/** The capability's first page: my hours this year and 为你推荐 with reasons; the way to everything else. */
export default function CoursesHomePage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const study = useAsync(() => call(coursesApi.myStudy), member !== null);
  const recommended = useCachedCall(coursesApi.recommended, 'courses.recommended', { query: { limit: 8 } }, member !== null);

  useEffect(() => {
    // Opened from the weekly WeCom notice: counts once per member and week for the push's click-through rate.
    if (params.from === 'push' && params.week) void call(coursesApi.pushClick, { body: { week: params.week } }).catch(() => undefined);
    // The push leads with one course: open it, with this page underneath to come back to.
    const course = pushedCourseUrl(params);
    if (course) void Taro.navigateTo({ url: course });
  }, [params]);
  useDidShow(() => {
    void flushOutbox().then(() => {
      study.reload();
      recommended.reload();
    });
  });
  if (!member) return null;
  const secretary = member.roles.includes('secretary') || member.roles.includes('admin');
  const admin = member.roles.includes('admin');

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        学习课程
      </Text>
      <ErrorBanner message={study.error} onRetry={study.reload} />
      {study.data ? <HoursCard study={study.data} onTap={() => open(COURSE_ROUTES.study)} /> : null}
      <Text className='section-title' {...aria('heading', undefined, { 'aria-level': '2' })}>
        为你推荐
      </Text>
      {recommended.loading && !recommended.data ? <LoadingText /> : null}
      <ErrorBanner message={recommended.error} onRetry={recommended.reload} />
      <CacheNote staleSince={recommended.staleSince} />
      {recommended.data?.items.length === 0 ? <Text className='hint'>课程都学完了，真了不起！</Text> : null}
      {recommended.data?.items.map((item) => (
        <CourseCard key={item.course.courseId} course={item.course} reasons={item.reasons} note={item.progress !== undefined ? `已学 ${item.progress}%` : undefined} />
      ))}
      <ActionButton label='全部课程' variant='secondary' onTap={() => open(COURSE_ROUTES.list)} />
      <ActionButton label='我的学时与必修课' variant='secondary' onTap={() => open(COURSE_ROUTES.study)} />
      {secretary ? <ActionButton label='支部学习情况' variant='secondary' onTap={() => open(COURSE_ROUTES.branch)} /> : null}
      {admin ? <ActionButton label='课程管理' variant='secondary' onTap={() => open(COURSE_ROUTES.admin)} /> : null}
      {admin ? <ActionButton label='课程推送' variant='secondary' onTap={() => open(COURSE_ROUTES.push)} /> : null}
    </PageRoot>
  );
}
