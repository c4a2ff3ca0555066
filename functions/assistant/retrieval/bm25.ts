import { CHANNELS, type AnalysedText, type Channel } from './analyzer';

/**
 * Okapi BM25 over the three channels of the analyser, one index per channel, summed with the channel weights.
 * Written here rather than taken from wink-bm25-text-search: the assistant needs each query term's weight to
 * say how much of a question a passage covers (the "我不确定" threshold), which wink does not expose, and
 * bench:assistant runs wink over the same analysis beside it to show the ranking loses nothing.
 */
export interface Bm25Options {
  k1: number;
  b: number;
  weights: Record<Channel, number>;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75, weights: { words: 1, bigrams: 0.6, chars: 0.25 } };

interface ChannelIndex {
  /** Term → document frequency. */
  df: Map<string, number>;
  /** Per document: term → frequency, and its length. */
  docs: Array<{ tf: Map<string, number>; length: number }>;
  averageLength: number;
}

export interface Scored {
  doc: number;
  score: number;
  /** Share (0–1) of the question's weight, in words and in character pairs, that the document contains. */
  coverage: number;
}

function termFrequencies(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  return tf;
}

export class Bm25Index {
  private readonly channels: Record<Channel, ChannelIndex>;

  constructor(
    documents: readonly AnalysedText[],
    private readonly options: Bm25Options = DEFAULT_BM25,
  ) {
    const build = (channel: Channel): ChannelIndex => {
      const docs = documents.map((doc) => ({ tf: termFrequencies(doc[channel]), length: doc[channel].length }));
      const df = new Map<string, number>();
      for (const { tf } of docs) for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
      const averageLength = docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, docs.length);
      return { df, docs, averageLength };
    };
    this.channels = { words: build('words'), bigrams: build('bigrams'), chars: build('chars') };
  }

  get size(): number {
    return this.channels.words.docs.length;
  }

  /** Inverse document frequency (BM25+ style, never negative); a term no document has gets the highest. */
  private idf(channel: Channel, term: string): number {
    const n = this.size;
    const df = this.channels[channel].df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Every document with a positive score, best first. */
  search(query: AnalysedText): Scored[] {
    const { k1, b, weights } = this.options;
    const scores = new Float64Array(this.size);
    const covered = { words: new Float64Array(this.size), bigrams: new Float64Array(this.size) };
    const totals = { words: 0, bigrams: 0 };
    for (const channel of CHANNELS) {
      const index = this.channels[channel];
      for (const term of new Set(query[channel])) {
        const idf = this.idf(channel, term);
        if (channel !== 'chars') totals[channel] += idf;
        index.docs.forEach((doc, i) => {
          const tf = doc.tf.get(term);
          if (!tf) return;
          scores[i]! += weights[channel] * idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.length) / index.averageLength)));
          if (channel !== 'chars') covered[channel][i]! += idf;
        });
      }
    }
    const results: Scored[] = [];
    scores.forEach((score, doc) => {
      if (score <= 0) return;
      const wordShare = totals.words > 0 ? covered.words[doc]! / totals.words : 0;
      const pairShare = totals.bigrams > 0 ? covered.bigrams[doc]! / totals.bigrams : 0;
      results.push({ doc, score, coverage: Math.max(wordShare, pairShare) });
    });
    return results.sort((x, y) => y.score - x.score || x.doc - y.doc);
  }
}
