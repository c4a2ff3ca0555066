import { moderateText } from '../../shared/moderation';
import type { ModerateText } from './ratings';

/** Rating comments go through the platform's moderation filter (the lexicon in force), like all member text. */
export const moderateComment: ModerateText = (text) => moderateText(text);
