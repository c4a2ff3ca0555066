import { readDataFile } from '../runtime/data-file';
import { T2S_FILE } from './data-files';

/**
 * Text normalisation for matching, one UTF-16 code unit at a time so every normalised character keeps
 * its position in the original text:
 * - NFKC folds full-width forms, circled / parenthesised / superscript numbers (①⑴⁹), ligatures and
 *   compatibility ideographs; then lower case;
 * - traditional → simplified by OpenCC's character table (generated into lexicon/t2s-chars.json);
 * - Chinese numerals (〇一二…九, 壹贰…玖) → ASCII digits, as the source lexicon writes numbers;
 * - everything that is not a letter or a digit (spaces, punctuation, symbols, emoji halves, control and
 *   zero-width characters, combining marks) is a separator: skipped, so "敏*感" and "敏\u200b感" read "敏感".
 * Collapsing repeated characters happens in the scanner (it needs the previous kept character).
 */

/** Table value of a code unit that is skipped. */
export const SKIP = 0;
/** Table value of a code unit that becomes several characters (e.g. ⑩ → "10"); see `expansions`. */
export const EXPAND = 0xffff;

export interface CharTable {
  /** Code unit → normalised code unit, SKIP or EXPAND. */
  map: Uint16Array;
  expansions: Map<number, string>;
}

const CHINESE_DIGITS: Record<string, string> = {
  '〇': '0', 零: '0', 一: '1', 壹: '1', 二: '2', 贰: '2', 三: '3', 叁: '3', 四: '4', 肆: '4',
  五: '5', 伍: '5', 六: '6', 陆: '6', 七: '7', 柒: '7', 八: '8', 捌: '8', 九: '9', 玖: '9',
};

/** A Chinese numeral: read as its digit because the lexicon writes numbers so, which is normalisation, not evasion. */
export const isChineseNumeral = (code: number): boolean => Object.prototype.hasOwnProperty.call(CHINESE_DIGITS, String.fromCharCode(code));

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

let t2sTable: Map<string, string> | undefined;

function traditionalToSimplified(): Map<string, string> {
  // Read on first use, not at init: a copy that never moderates text never reads it.
  if (t2sTable) return t2sTable;
  const { pairs } = JSON.parse(readDataFile(T2S_FILE).toString('utf8')) as { pairs: string };
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i]!, pairs[i + 1]!);
  t2sTable = map;
  return map;
}

/**
 * Traditional characters of a text in simplified form (OpenCC's character table), everything else unchanged:
 * for readers of text that keep its words and punctuation, such as the assistant's question analysis.
 */
export function toSimplified(text: string): string {
  const t2s = simplifyingTable();
  let out = '';
  for (const char of text) out += t2s.get(char) ?? char;
  return out;
}

let simplifying: Map<string, string> | undefined;

/**
 * The table without characters that are themselves a simplified form (OpenCC maps 麼 → 么 and also 么 → 幺,
 * which is right for a matcher that folds both but turns a simplified 怎么 into 怎幺).
 */
function simplifyingTable(): Map<string, string> {
  if (simplifying) return simplifying;
  const t2s = traditionalToSimplified();
  const simplifiedForms = new Set(t2s.values());
  simplifying = new Map([...t2s].filter(([from]) => !simplifiedForms.has(from)));
  return simplifying;
}

function normaliseCodeUnit(code: number, t2s: Map<string, string>): string {
  if (code >= 0xd800 && code <= 0xdfff) return '';
  let out = '';
  for (const char of String.fromCharCode(code).normalize('NFKC').toLowerCase()) {
    if (char.length !== 1 || !LETTER_OR_DIGIT.test(char)) continue;
    const simplified = t2s.get(char) ?? char;
    out += CHINESE_DIGITS[simplified] ?? simplified;
  }
  return out;
}

/** CJK unified ideographs (and extension A): letters that NFKC and lower-casing never change. */
const isPlainIdeograph = (code: number) => (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);

let table: CharTable | undefined;

/** The normalisation table, built once per process (about 60 ms). */
export function charTable(): CharTable {
  if (table) return table;
  const t2s = traditionalToSimplified();
  const map = new Uint16Array(0x10000);
  const expansions = new Map<number, string>();
  for (let code = 0; code < 0x10000; code += 1) {
    if (isPlainIdeograph(code)) {
      // NFKC and case leave these alone: only the traditional → simplified and numeral tables apply (fast path).
      const char = String.fromCharCode(code);
      const simplified = t2s.get(char) ?? char;
      map[code] = (CHINESE_DIGITS[simplified] ?? simplified).charCodeAt(0);
      continue;
    }
    const normalised = normaliseCodeUnit(code, t2s);
    if (normalised.length === 0) map[code] = SKIP;
    else if (normalised.length === 1 && normalised.charCodeAt(0) !== EXPAND) map[code] = normalised.charCodeAt(0);
    else {
      map[code] = EXPAND;
      expansions.set(code, normalised);
    }
  }
  table = { map, expansions };
  return table;
}

/**
 * The normalised form of a whole string (lexicon words, allow phrases), with repeated characters
 * collapsed exactly as the scanner collapses them in text.
 */
let scratch = new Uint16Array(256);

export function normaliseWord(word: string): string {
  const { map, expansions } = charTable();
  // Expansions are at most a few characters per code unit (⑳ → "20"); one reused buffer serves every word.
  if (scratch.length < word.length * 4) scratch = new Uint16Array(word.length * 4);
  let length = 0;
  let last = -1;
  for (let i = 0; i < word.length; i += 1) {
    const code = map[word.charCodeAt(i)]!;
    if (code === SKIP) continue;
    if (code !== EXPAND) {
      if (code !== last) scratch[length++] = last = code;
      continue;
    }
    const chars = expansions.get(word.charCodeAt(i))!;
    for (let k = 0; k < chars.length; k += 1) {
      const c = chars.charCodeAt(k);
      if (c !== last) scratch[length++] = last = c;
    }
  }
  return String.fromCharCode.apply(null, scratch.subarray(0, length) as unknown as number[]);
}

/** ASCII letters and digits: words made of them match whole words only. */
export function isAsciiWordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}
