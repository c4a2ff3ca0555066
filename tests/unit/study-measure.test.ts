import { DEFAULT_STUDY_RULES, type Chapter } from '../../shared/api/courses';
import { addToChapter, coveredSeconds, creditedHours, emptyStudy, measureCourse, mergeIntervals, quizScore } from '../../functions/course-push/study-measure';

const video: Chapter = { chapterId: 'v', title: '示范', kind: 'video', url: 'https://media.example.cn/a.mp4', durationSeconds: 600 };
const text: Chapter = { chapterId: 't', title: '正文', kind: 'text', body: '# 标题', readMinutes: 5 };

describe('study measurement', () => {
  it('merges overlapping and touching play intervals so replayed seconds count once', () => {
    expect(mergeIntervals([[50, 80], [0, 30], [30, 40], [70, 100], [200, 210]])).toEqual([[0, 40], [50, 100], [200, 210]]);
    expect(coveredSeconds([[0, 100], [0, 100], [50, 150]], 600)).toBe(150);
    expect(coveredSeconds([[-10, 20], [590, 700]], 600)).toBe(30);
    expect(addToChapter(addToChapter(emptyStudy(), { played: [[0, 60]] }), { played: [[30, 90]] }).played).toEqual([[0, 90]]);
  });

  it('measures progress and study time per chapter, a text at most its reading time', () => {
    const studies = { v: { readSeconds: 0, played: [[0, 270]] as [number, number][] }, t: { readSeconds: 9999, played: [] } };
    const measure = measureCourse([video, text], studies, DEFAULT_STUDY_RULES);
    // The video needs 540 s (90 %): 270 is half of it; the text is read.
    expect(measure).toEqual({ progress: 75, studiedSeconds: 270 + 300, unfinished: ['「示范」已播放 45%，需播放至少 90%'] });
    expect(measureCourse([], {}, DEFAULT_STUDY_RULES).progress).toBe(0);
  });

  it('credits hours in whole tenths, capped at the course, and grades a quiz', () => {
    expect(creditedHours(0, 2)).toBe(0);
    expect(creditedHours(1199, 2)).toBe(0.3);
    expect(creditedHours(10 * 3600, 2)).toBe(2);
    const questions = [{ question: '一？', options: ['a', 'b'], answer: 1 }, { question: '二？', options: ['a', 'b'], answer: 0 }];
    expect(quizScore(questions, [1, 1])).toBe(50);
    expect(quizScore(questions, [1, 0])).toBe(100);
  });
});
