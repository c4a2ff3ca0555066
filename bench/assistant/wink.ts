import bm25 from 'wink-bm25-text-search';
import { CHANNELS, type AnalysedText } from '../../functions/assistant/retrieval/analyzer';
import { DEFAULT_BM25 } from '../../functions/assistant/retrieval/bm25';

/** Each channel's tokens tagged with it, so a word and a character pair that look alike stay apart. */
const tagged = (text: AnalysedText, channel: keyof AnalysedText) => text[channel].map((token) => `${channel[0]}:${token}`).join(' ');

/** wink-bm25-text-search (BM25F, the channels as fields with the assistant's weights) over the same analysis. */
export function winkRanker(documents: readonly AnalysedText[]): (query: AnalysedText) => number[] {
  const engine = bm25();
  engine.defineConfig({ fldWeights: DEFAULT_BM25.weights, bm25Params: { k1: DEFAULT_BM25.k1, b: DEFAULT_BM25.b } });
  engine.definePrepTasks([(input) => input.split(' ').filter(Boolean)]);
  documents.forEach((doc, i) => engine.addDoc(Object.fromEntries(CHANNELS.map((channel) => [channel, tagged(doc, channel)])), i));
  engine.consolidate();
  return (query) =>
    engine
      .search(CHANNELS.map((channel) => tagged(query, channel)).join(' '), documents.length)
      .map(([id]) => Number(id));
}
