import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { CHAPTER_KIND_LABELS, coursesApi, isMediaKind, type Chapter, type Course, type LearningRecord, type ProgressResult } from '@shared/api';
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
import { ChapterStudy, type StudyReport } from '../../components/chapter-study';
import { ProgressBar } from '../../components/progress-bar';
import { QuizForm } from '../../components/quiz-form';
import { courseMeta, dueText } from '../../services/labels';
import { reportProgress, type ProgressReportBody } from '../../services/progress-queue';
import { PageRoot } from '../../../components/page-root';
import '../../courses.css';

/** What the member has done of a chapter, as the server measured it. */
function chapterDone(chapter: Chapter, record: LearningRecord | undefined): string {
  const study = record?.chapters[chapter.chapterId];
  if (!study) return '未学习';
  if (isMediaKind(chapter.kind)) {
    const played = study.played.reduce((sum, [start, end]) => sum + end - start, 0);
    return `已播放 ${Math.min(100, Math.floor((played / (chapter.durationSeconds ?? 1)) * 100))}%`;
  }
  return `已阅读 ${Math.floor(study.readSeconds / 60)} 分 ${study.readSeconds % 60} 秒`;
}

function Chapters({ course, record, current, onPick }: { course: Course; record: LearningRecord | undefined; current: string | undefined; onPick: (chapterId: string) => void }) {
  return (
    <View className='card'>
      <Text className='card-title'>{`课程内容（${course.chapters.length} 节）`}</Text>
      {course.chapters.map((chapter, index) => (
        <View
          key={chapter.chapterId}
          className={`chapter-row${chapter.chapterId === current ? ' chapter-row--on' : ''}`}
          {...aria('button', `第 ${index + 1} 节 ${chapter.title}`)}
          onClick={() => onPick(chapter.chapterId)}
        >
          <Text className='chapter-row__title'>{`${index + 1}. ${chapter.title}（${CHAPTER_KIND_LABELS[chapter.kind]}）`}</Text>
          <Text className='hint'>{chapterDone(chapter, record)}</Text>
        </View>
      ))}
    </View>
  );
}

function Completion({ course, record, busy, onComplete, onRate }: {
  course: Course;
  record: LearningRecord | undefined;
  busy: boolean;
  onComplete: (quizAnswers?: number[]) => void;
  onRate: (rating: number) => void;
}) {
  const progress = record?.progress ?? 0;
  if (record?.completed) {
    return (
      <View className='card'>
        <Text className='card-title'>已完成学习</Text>
        <Text className='card-summary'>{`按实际学习时间计入 ${record.creditedHours} 学时。这门课对您有帮助吗？`}</Text>
        <View className='course-chips'>
          {[1, 2, 3, 4, 5].map((stars) => (
            <Text key={stars} className={`course-chip${record.rating === stars ? ' course-chip--on' : ''}`} {...aria('button', `${stars} 分`)} onClick={() => !busy && onRate(stars)}>
              {`${stars} 分`}
            </Text>
          ))}
        </View>
      </View>
    );
  }
  return (
    <View>
      <View className='card'>
        <Text className='card-title'>{`学习进度 ${progress}%`}</Text>
        <ProgressBar ratio={progress / 100} label={`学习进度 ${progress}%`} />
        <Text className='hint'>学时按实际阅读和播放的时间计算，不超过本课学时。</Text>
      </View>
      {course.quiz && progress === 100 ? (
        <QuizForm questions={course.quiz} busy={busy} onSubmit={onComplete} />
      ) : (
        <ActionButton label='完成学习' disabled={busy} onTap={() => onComplete()} />
      )}
    </View>
  );
}

function replyText(result: ProgressResult): string {
  if (result.completedNow) return `已完成学习，计入 ${result.record.creditedHours} 学时，本年度累计 ${result.yearHours} 学时`;
  if (result.missing.length > 0) return `还不能计入学时：${result.missing.join('；')}`;
  return '感谢评价';
}

/** One course: its content studied chapter by chapter, progress measured from it (queued while offline). */
export default function CourseDetailPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const courseId = params.id ?? '';
  const detail = useAsync(() => call(coursesApi.course, { params: { courseId } }), member !== null && courseId !== '');
  useReloadWhenSent(detail.reload);
  const [latest, setLatest] = useState<LearningRecord | null>(null);
  const inOrder = useRef<Promise<void>>(Promise.resolve());
  const [chapterId, setChapterId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;

  const course = detail.data?.course;
  const title = course?.title ?? '';
  const record = latest ?? detail.data?.progress;

  // One report at a time, in order: the record shown is always the newest, and two reports never race.
  const send = (report: Omit<ProgressReportBody, 'courseId' | 'completed'> & { completed?: boolean }) => {
    const sent = inOrder.current.then(() => reportProgress({ courseId, completed: false, ...report }, title));
    inOrder.current = sent.then(
      () => undefined,
      () => undefined,
    );
    return sent.then((outcome) => {
      if (outcome.sent) setLatest(outcome.result.record);
      return outcome;
    });
  };

  // Study reports go quietly; only a refusal is shown.
  const onStudy = (report: StudyReport) => {
    send(report).catch((reason: unknown) => setError(messageOf(reason)));
  };

  const onDecide = (report: { completed?: boolean; quizAnswers?: number[]; rating?: number }) => {
    setBusy(true);
    setError(null);
    send(report)
      .then((outcome) => setNotice(outcome.sent ? replyText(outcome.result) : '网络不给力，进度已保存在手机上（待发送），联网后自动提交'))
      .catch((reason: unknown) => setError(messageOf(reason)))
      .finally(() => setBusy(false));
  };

  const chapter = course?.chapters.find((candidate) => candidate.chapterId === chapterId) ?? course?.chapters[0];
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
          {course.status === 'archived' ? <Text className='hint'>这门课程已下架。</Text> : null}
          {course.status === 'published' && course.chapters.length > 0 ? (
            <View>
              <Chapters course={course} record={record} current={chapter?.chapterId} onPick={setChapterId} />
              {chapter ? <ChapterStudy key={chapter.chapterId} chapter={chapter} onReport={onStudy} /> : null}
            </View>
          ) : null}
          {course.status === 'published' && course.chapters.length === 0 ? <Text className='hint'>这门课程没有在线学习内容，学时由组织按实际参加情况登记。</Text> : null}
          {notice ? (
            <Text className='hint' {...aria('status')}>
              {notice}
            </Text>
          ) : null}
          <ErrorBanner message={error} />
          <PendingList kinds={['progress']} />
          {course.status === 'published' ? (
            <Completion course={course} record={record} busy={busy} onComplete={(quizAnswers) => onDecide({ completed: true, ...(quizAnswers ? { quizAnswers } : {}) })} onRate={(rating) => onDecide({ rating })} />
          ) : null}
        </View>
      ) : null}
    </PageRoot>
  );
}
