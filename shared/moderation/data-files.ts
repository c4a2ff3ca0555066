/** The moderation filter's data, read at run time (see readDataFile); a function that moderates text ships them. */
export const LEXICON_FILE = 'shared/moderation/lexicon/default-lexicon.json';
export const T2S_FILE = 'shared/moderation/lexicon/t2s-chars.json';
export const FIELD_RULES_FILE = 'shared/moderation/lexicon/field-rules.json';
export const MODERATION_DATA_FILES = [LEXICON_FILE, T2S_FILE, FIELD_RULES_FILE];
