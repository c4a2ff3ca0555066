import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { coursesApi, type CourseWithProgress } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PendingList } from '../../../components/pending-list';
import { useAsync } from '../../../hooks/use-async';
import { useReloadWhenSent } from '../../../hooks/use-pending';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import { ProgressBar } from '../../components/progress-bar';
import { courseMeta, dueText } from '../../services/labels';
import { reportProgress } from '../../services/progress-queue';
import { PageRoot } from '../../../components/page-root';
import '../../courses.css';

const STEP = 25;

function Progress({ data, busy, onReport }: { data: CourseWithProgress; busy: boolean; onReport: (progress: number, completed: boolean, rating?: number) => void }) {
  const progress = data.progress?.progress ?? 0;
  const completed = data.progress?.completed ?? false;
  if (data.course.status === 'archived') return <Text className='hint'>这门课程已下架。</Text>;
  return (
    <View className='card'>
      <Text className='card-title'>{completed ? '已完成学习' : `学习进度 ${progress}%`}</Text>
      <ProgressBar ratio={progress / 100} label={`学习进度 ${progress}%`} />
      {completed ? (
        <View>
          <Text className='card-summary'>{`已计入 ${data.progress!.creditedHours} 学时。这门课对您有帮助吗？`}</Text>
          <View className='course-chips'>
            {[1, 2, 3, 4, 5].map((stars) => (
              <Text
                key={stars}
                className={`course-chip${data.progress?.rating === stars ? ' course-chip--on' : ''}`}
                {...aria('button', `${stars} 分`)}
                onClick={() => !busy && onReport(100, true, stars)}
              >
                {`${stars} 分`}
              </Text>
            ))}
          </View>
        </View>
      ) : (
        <View>
          {progress + STEP < 100 ? <ActionButton label={`学完一节（进度到 ${progress + STEP}%）`} variant='secondary' disabled={busy} onTap={() => onReport(progress + STEP, false)} /> : null}
          <ActionButton label='完成学习' disabled={busy} onTap={() => onReport(100, true)} />
        </View>
      )}
    </View>
  );
}

/** One course: what it is, my progress, and recording progress (queued while offline). */
export default function CourseDetailPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const courseId = params.id ?? '';
  const detail = useAsync(() => call(coursesApi.course, { params: { courseId } }), member !== null && courseId !== '');
  useReloadWhenSent(detail.reload);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;

  const onReport = (progress: number, completed: boolean, rating?: number) => {
    setBusy(true);
    setError(null);
    reportProgress({ courseId, progress, completed, ...(rating ? { rating } : {}) }, detail.data?.course.title ?? '')
      .then((outcome) => {
        if (!outcome.sent) setNotice('网络不给力，进度已保存在手机上（待发送），联网后自动提交');
        else if (outcome.result.completedNow) setNotice(`已完成学习，计入 ${outcome.result.record.creditedHours} 学时，本年度累计 ${outcome.result.yearHours} 学时`);
        else setNotice(rating ? '感谢评价' : `进度已记录：${progress}%`);
        detail.reload();
      })
      .catch((reason: unknown) => setError(messageOf(reason)))
      .finally(() => setBusy(false));
  };

  const course = detail.data?.course;
  return (
    <PageRoot>
      {detail.loading && !detail.data ? <LoadingText /> : null}
      <ErrorBanner message={detail.error} onRetry={detail.reload} />
      {course ? (
        <View>
          <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
            {course.title}
          </Text>
          <Text className={`hint${course.required ? ' course-tag-required' : ''}`}>{courseMeta(course)}</Text>
          <View className='card'>
            <Text className='card-summary'>{course.summary}</Text>
            <InfoRow label='专题' value={course.tags.join('、')} />
            {course.dueDate ? <InfoRow label='截止日期' value={dueText(course.dueDate)} /> : null}
          </View>
          {notice ? (
            <Text className='hint' {...aria('status')}>
              {notice}
            </Text>
          ) : null}
          <ErrorBanner message={error} />
          <PendingList kinds={['progress']} />
          <Progress data={detail.data!} busy={busy} onReport={onReport} />
        </View>
      ) : null}
    </PageRoot>
  );
}
