import type { Jieba } from '@node-rs/jieba';
import { analyse, type AnalysedText } from './analyzer';
import { Bm25Index, DEFAULT_BM25, type Bm25Options } from './bm25';

/** A rule passage as the retriever needs it. */
export interface IndexedPassage {
  id: string;
  title: string;
  text: string;
}

export interface RetrievalSettings {
  /** Below this share of the question's weight found in the best passage the answer is "我不确定". */
  minCoverage: number;
  /** Below this BM25 score of the best passage the answer is "我不确定". */
  minScore: number;
  /** Passages given in an answer at most. */
  maxPassages: number;
  bm25: Bm25Options;
}

export const DEFAULT_RETRIEVAL: RetrievalSettings = { minCoverage: 0.3, minScore: 8, maxPassages: 3, bm25: DEFAULT_BM25 };

export interface Retrieved<P> {
  passage: P;
  score: number;
  coverage: number;
}

export interface Retrieval<P> {
  /** The best passage covers enough of the question to answer with it. */
  confident: boolean;
  /** Best first, at most maxPassages; empty when nothing matched. */
  ranked: Retrieved<P>[];
}

/** The passage as indexed: its title counts twice, since it names what the passage answers. */
export function analysePassage(passage: IndexedPassage, jieba: Jieba): AnalysedText {
  const title = analyse(passage.title, jieba);
  const body = analyse(passage.text, jieba);
  return {
    words: [...title.words, ...title.words, ...body.words],
    bigrams: [...title.bigrams, ...title.bigrams, ...body.bigrams],
    chars: [...title.chars, ...body.chars],
  };
}

/** Questions in Chinese against the rule passages in force: BM25 over words, character pairs and characters. */
export class Retriever<P extends IndexedPassage> {
  private readonly index: Bm25Index;

  constructor(
    readonly passages: readonly P[],
    private readonly jieba: Jieba,
    readonly settings: RetrievalSettings = DEFAULT_RETRIEVAL,
  ) {
    this.index = new Bm25Index(
      passages.map((passage) => analysePassage(passage, jieba)),
      settings.bm25,
    );
  }

  retrieve(question: string): Retrieval<P> {
    const results = this.index.search(analyse(question, this.jieba));
    const best = results[0];
    const confident = best !== undefined && best.coverage >= this.settings.minCoverage && best.score >= this.settings.minScore;
    return {
      confident,
      ranked: results.slice(0, this.settings.maxPassages).map(({ doc, score, coverage }) => ({ passage: this.passages[doc]!, score, coverage })),
    };
  }
}
