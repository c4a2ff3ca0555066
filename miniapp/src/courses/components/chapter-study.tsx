import { Audio, Text, Video, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { isMediaKind, type Chapter } from '@shared/api';
import { ActionButton } from '../../components/action-button';
import { PlayTracker } from '../services/play-tracker';
import { MarkdownView } from './markdown-view';

/** What a chapter reports while it is studied: seconds read, or intervals played. */
export type StudyReport = { chapterId: string; readSeconds: number } | { chapterId: string; played: [number, number][] };

/** Reports are sent in pieces of about a minute, so little is lost when the app is closed. */
const REPORT_EVERY_SECONDS = 60;
const MAX_PDF_SECONDS = 3_600;

const pageVisible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

/** Counts the seconds a text chapter is on screen (the page shown, the app in front) and reports them. */
function useReadingTime(chapterId: string, active: boolean, onReport: (report: StudyReport) => void) {
  const pending = useRef(0);
  const shown = useRef(true);
  const flush = () => {
    const seconds = Math.floor(pending.current);
    if (seconds > 0) onReport({ chapterId, readSeconds: seconds });
    pending.current = 0;
  };
  useDidShow(() => {
    shown.current = true;
  });
  useDidHide(() => {
    shown.current = false;
    flush();
  });
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => {
      if (!shown.current || !pageVisible()) return;
      pending.current += 1;
      if (pending.current >= REPORT_EVERY_SECONDS) flush();
    }, 1000);
    return () => {
      clearInterval(timer);
      flush();
    };
    // The chapter id decides what is being read; a new one starts a new count.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chapterId, active]);
}

function MediaChapter({ chapter, onReport }: { chapter: Chapter; onReport: (report: StudyReport) => void }) {
  const tracker = useRef(new PlayTracker());
  const flush = () => {
    const played = tracker.current.take();
    if (played.length > 0) onReport({ chapterId: chapter.chapterId, played });
  };
  const onTime = (seconds: number) => {
    tracker.current.update(seconds);
    if (tracker.current.pendingSeconds() >= REPORT_EVERY_SECONDS) flush();
  };
  const onStop = () => {
    tracker.current.close();
    flush();
  };
  useDidHide(onStop);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => onStop, [chapter.chapterId]);
  const events = { onTimeUpdate: (event: { detail: { currentTime: number } }) => onTime(event.detail.currentTime), onPause: onStop, onEnded: onStop };
  return chapter.kind === 'video' ? (
    <Video className='chapter-video' src={chapter.url!} controls showCenterPlayBtn {...events} />
  ) : (
    <Audio className='chapter-audio' src={chapter.url!} controls name={chapter.title} {...events} />
  );
}

/** A PDF opens in the system viewer: the time until the member comes back to the app counts as reading. */
function PdfChapter({ chapter, onReport }: { chapter: Chapter; onReport: (report: StudyReport) => void }) {
  const openedAt = useRef<number | null>(null);
  const cameBack = () => {
    if (openedAt.current === null) return;
    const seconds = Math.min(MAX_PDF_SECONDS, Math.floor((Date.now() - openedAt.current) / 1000));
    openedAt.current = null;
    if (seconds > 0) onReport({ chapterId: chapter.chapterId, readSeconds: seconds });
  };
  useDidShow(cameBack);
  useEffect(() => {
    const onVisible = () => pageVisible() && cameBack();
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
    return () => {
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
    };
  });
  const open = () => {
    openedAt.current = Date.now();
    if (process.env.TARO_ENV === 'h5') {
      window.open(chapter.url, '_blank', 'noopener');
      return;
    }
    Taro.downloadFile({ url: chapter.url! })
      .then(({ tempFilePath }) => Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf' }))
      .catch(() => {
        openedAt.current = null;
        void Taro.showToast({ title: '文档打开失败，请稍后重试', icon: 'none' });
      });
  };
  return <ActionButton label={`打开 PDF：${chapter.title}`} variant='secondary' onTap={open} />;
}

/** One chapter as it is studied; what was read or played is reported as it happens. */
export function ChapterStudy({ chapter, onReport }: { chapter: Chapter; onReport: (report: StudyReport) => void }) {
  useReadingTime(chapter.chapterId, chapter.kind === 'text', onReport);
  return (
    <View className='card chapter'>
      <Text className='card-title'>{chapter.title}</Text>
      {chapter.kind === 'text' ? <MarkdownView markdown={chapter.body ?? ''} /> : null}
      {isMediaKind(chapter.kind) ? <MediaChapter chapter={chapter} onReport={onReport} /> : null}
      {chapter.kind === 'pdf' ? <PdfChapter chapter={chapter} onReport={onReport} /> : null}
    </View>
  );
}
