import { readFileSync } from 'node:fs';
import { Automaton } from '../shared/moderation/automaton';
import { ModerationMatcher } from '../shared/moderation/matcher';
import { charTable, normaliseWord } from '../shared/moderation/normalize';
const words = readFileSync('/work/shared/data/lexicon/sensitive_word_dict.txt', 'utf8').split('\n').map((w) => w.trim()).filter(Boolean);
charTable();
const mode = process.argv[2];
let t = performance.now();
if (mode === 'split') {
  const forms = [...new Set(words.map(normaliseWord))]; const n = performance.now() - t;
  t = performance.now(); Automaton.build(forms); const a = performance.now() - t;
  console.log({ normalise: n.toFixed(0), automaton: a.toFixed(0) });
} else {
  new ModerationMatcher({ entries: words.map((word) => ({ word, level: 'block' as const, categories: ['other' as const] })), allow: [] });
  console.log({ matcher: (performance.now() - t).toFixed(0) });
}
