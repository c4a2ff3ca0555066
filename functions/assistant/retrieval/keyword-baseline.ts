import { toSimplified } from '../../../shared/moderation/normalize';

/**
 * The baseline bench:assistant measures the retriever against: the plain keyword match a simple FAQ bot does —
 * a passage scores the number of its title's two-character pieces found in the question (traditional
 * characters folded, nothing else), best first; no match answers "我不确定".
 */
export class KeywordBaseline {
  private readonly keys: string[][];

  constructor(titles: readonly string[]) {
    this.keys = titles.map((title) => {
      const pieces = new Set<string>();
      const plain = toSimplified(title).replace(/[^\u3400-\u9fff]/g, '');
      for (let i = 0; i + 1 < plain.length; i += 1) pieces.add(plain.slice(i, i + 2));
      return [...pieces];
    });
  }

  search(question: string): number[] {
    const text = toSimplified(question);
    return this.keys
      .map((pieces, doc) => ({ doc, hits: pieces.filter((piece) => text.includes(piece)).length }))
      .filter(({ hits }) => hits > 0)
      .sort((a, b) => b.hits - a.hits || a.doc - b.doc)
      .map(({ doc }) => doc);
  }
}
