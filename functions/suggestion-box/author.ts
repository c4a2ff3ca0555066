import { createHmac } from 'node:crypto';
import { suggestionAuthorKey } from '../../shared/runtime/config';

/**
 * Keyed hashes that stand for a member without naming them. The key (SUGGESTION_AUTHOR_KEY) lives only in
 * this function's configuration, so neither an admin nor anyone reading the table can recompute a tag from
 * a member id — not even by trying every id on the roster.
 */
const tag = (purpose: string, ...parts: string[]) =>
  createHmac('sha256', suggestionAuthorKey()).update([purpose, ...parts].join('\u0000')).digest('base64url');

/** The same for all of one member's suggestions: finds "my suggestions" and counts the rate limit. */
export const authorTag = (userId: string) => tag('author', userId);

/** Proves ownership of one suggestion; differs between suggestions of the same member. */
export const ownerTag = (userId: string, suggestionId: string) => tag('owner', userId, suggestionId);
