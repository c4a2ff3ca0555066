import { readFileSync } from 'node:fs';
import { charTable, normaliseWord } from '../shared/moderation/normalize';
const words = readFileSync('/work/shared/data/lexicon/sensitive_word_dict.txt', 'utf8').split('\n').map((w) => w.trim()).filter(Boolean);
charTable();
const patterns = [...new Set(words.map(normaliseWord))];
for (let r = 0; r < 3; r++) {
let t = performance.now();
const a = patterns.map((_, i) => i).sort((x, y) => (patterns[x]! < patterns[y]! ? -1 : patterns[x]! > patterns[y]! ? 1 : 0));
const c = performance.now() - t;
t = performance.now();
const indexOf = new Map(patterns.map((p, i) => [p, i]));
const b = [...patterns].sort().map((p) => indexOf.get(p)!);
console.log({ comparator: c.toFixed(0), native: (performance.now() - t).toFixed(0), same: a.every((v, i) => v === b[i]) });
}
