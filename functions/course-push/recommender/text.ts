import { jiebaSegmenter } from '../../../shared/text/jieba';

/**
 * Chinese word segmentation of course titles and summaries with jieba (@node-rs/jieba, the Rust port),
 * with the platform's shared dictionary (shared/text/jieba.ts).
 */
// Loaded on first use: only catalogue writes need it, since the words are stored with each course.
const segmenter = jiebaSegmenter;

/** Words that say nothing about a course's topic. */
const STOP_WORDS = new Set([
  '学习', '课程', '培训', '知识', '讲解', '介绍', '内容', '我们', '如何', '什么', '一个', '以及', '进行', '通过', '相关', '主要', '包括', '本课',
  '本课程', '基础', '实务', '要点', '解读', '专题', '讲座', '方面', '工作', '问题', '重点', '全面', '了解', '掌握', '结合', '提高', '开展', '做好',
]);
const MEANINGFUL = /^(?:[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9]{1,})$/;

/** The topic words of a text: segmented, without punctuation, single characters and stop words. */
export function topicWords(words: readonly string[]): string[] {
  return [...new Set(words.map((word) => word.trim()).filter((word) => MEANINGFUL.test(word) && !STOP_WORDS.has(word)))];
}

export async function segment(text: string): Promise<string[]> {
  return topicWords((await segmenter()).cut(text, true));
}

export async function courseTerms(title: string, summary: string): Promise<{ titleTerms: string[]; summaryTerms: string[] }> {
  const [titleTerms, summaryTerms] = await Promise.all([segment(title), segment(summary)]);
  return { titleTerms, summaryTerms };
}
