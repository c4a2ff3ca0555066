import { readDataFile } from '../../../shared/runtime/data-file';

/** The rule passages shipped with the function (a data file, see deployment.ts), before admins' changes. */
export const CORPUS_FILE = 'functions/assistant/corpus/passages.json';

export interface ShippedPassage {
  id: string;
  title: string;
  text: string;
  /** The source's full name (the file names sources once and passages refer to them by key). */
  source: string;
}

interface CorpusFile {
  sources: Record<string, string>;
  passages: Array<{ id: string; title: string; text: string; source: string }>;
}

let shipped: ShippedPassage[] | undefined;

export function shippedPassages(): readonly ShippedPassage[] {
  if (shipped) return shipped;
  const file = JSON.parse(readDataFile(CORPUS_FILE).toString('utf8')) as CorpusFile;
  shipped = file.passages.map((passage) => {
    const source = file.sources[passage.source];
    if (!source) throw new Error(`passage ${passage.id} names an unknown source ${passage.source}`);
    return { ...passage, source };
  });
  return shipped;
}
