import { readFileSync } from 'node:fs';
import { charTable, normaliseWord } from '../shared/moderation/normalize';
const words = readFileSync('/work/shared/data/lexicon/sensitive_word_dict.txt', 'utf8').split('\n').map((w) => w.trim()).filter(Boolean);
charTable();
let t = performance.now();
const forms = words.map(normaliseWord);
console.log('normalise', (performance.now() - t).toFixed(0));
t = performance.now();
const m = new Map<string, { rank: number; categories: number }>();
for (const f of forms) { const e = m.get(f); if (e) e.rank = 2; else m.set(f, { rank: 2, categories: 1 }); }
console.log('map', (performance.now() - t).toFixed(0));
t = performance.now();
const forms2 = words.map(normaliseWord);
console.log('normalise again', (performance.now() - t).toFixed(0), forms2.length);
