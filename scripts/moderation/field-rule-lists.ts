import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isModerationCategory } from '../../shared/moderation/categories';
import type { FieldRules } from '../../shared/moderation/field-rules';

export const FIELD_RULES_SOURCE = 'scripts/moderation/curation/{field-vocabulary,trading-context,harmful-phrases}.txt (npx tsx scripts/moderation/build-field-rules.ts)';

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);

/** The three hand-kept lists, checked: a phrase's categories must be known ones. */
export function readFieldRuleLists(curationDir: string): FieldRules {
  const phrases = lines(join(curationDir, 'harmful-phrases.txt')).map((line) => {
    const [word, list] = line.split('\t');
    const categories = (list ?? '').split(',');
    if (!word || !categories.every(isModerationCategory)) throw new Error(`harmful-phrases.txt: bad line "${line}"`);
    return { word, categories };
  });
  return {
    field: [...new Set(lines(join(curationDir, 'field-vocabulary.txt')))],
    context: [...new Set(lines(join(curationDir, 'trading-context.txt')))],
    phrases,
  };
}
