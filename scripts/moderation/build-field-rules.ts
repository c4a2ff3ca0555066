/**
 * Regenerates shared/moderation/lexicon/field-rules.json from the hand-kept lists in scripts/moderation/curation/:
 *   npx tsx scripts/moderation/build-field-rules.ts
 * - field-vocabulary.txt: the forestry enterprise's everyday words, never held (joined to the allow-list);
 * - trading-context.txt: trading and solicitation words that turn an evidence word into a hold;
 * - harmful-phrases.txt: known harmful phrases that hold alone.
 * Unlike build-lexicon.ts it needs nothing beside the checkout, so these lists can change on their own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_RULES_SOURCE, readFieldRuleLists } from './field-rule-lists';

const output = join(__dirname, '..', '..', 'shared', 'moderation', 'lexicon', 'field-rules.json');
const rules = readFieldRuleLists(join(__dirname, 'curation'));
writeFileSync(output, `${JSON.stringify({ source: FIELD_RULES_SOURCE, ...rules }, null, 1)}\n`);
console.log(JSON.stringify({ field: rules.field.length, context: rules.context.length, phrases: rules.phrases.length }));
