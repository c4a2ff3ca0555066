import type { ModerationCategory } from './categories';

/**
 * What turns the generic lexicon into one that knows the field (shipped as lexicon/field-rules.json, built from
 * scripts/moderation/curation/ by build-field-rules.ts):
 * - `field`: the forestry enterprise's everyday vocabulary (信号弹, 砍刀, 肉牛, 买断工龄, 冰糖 …), joined to the
 *   allow-list, so a hit wholly inside one of them is never held;
 * - `context`: trading and solicitation words (出售, 批发, 加微信, 货到付款 …) that make an evidence word hold;
 * - `phrases`: known harmful phrases that hold alone (冰毒, 卖淫 …).
 */
export interface FieldRules {
  field: string[];
  context: string[];
  phrases: Array<{ word: string; categories: ModerationCategory[] }>;
}

/**
 * Categories whose single words are evidence, not a verdict: a weapon, an illegal service, a drug, porn or
 * gambling word names things ordinary work talks about too (a flare, a machete, a bull, rock sugar). Such a word
 * holds only with a trading or solicitation context, as a known harmful phrase, or hidden by evasion.
 * Politics, abuse, fraud and `other` words still decide alone: the curated politics words are sensitive or
 * hostile phrases a human should see, an insult is harmful wherever it stands, the fraud words are phrases of
 * the trade itself (代开发票), and `other` holds unknown slang and evasions for a human, never blocks.
 */
export const EVIDENCE_CATEGORIES: readonly ModerationCategory[] = ['illegal', 'drugs', 'porn', 'gambling'];
