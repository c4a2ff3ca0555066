import { createHash, createHmac } from 'node:crypto';
import { suggestionAuthorKey } from '../../shared/runtime/config';

/**
 * Values that stand for a member or an anonymous suggestion without naming either (threat model: keys.ts).
 *
 * - `authorTag` (keyed hash of the member id) finds a member's *named* suggestions. A named suggestion names
 *   its author anyway; the tag only keeps member ids out of the partition keys.
 * - `rateTag` (keyed hash of member id and UTC hour) counts every submission of a member in one hour, named,
 *   anonymous or refused alike. It differs from every other tag and from hour to hour, and its counter names
 *   no suggestion: even recomputed (the local stage's key is public) it says only "this member sent n
 *   suggestions in that hour", never which ones.
 * - `ownerHash` (plain SHA-256 of the 256-bit secret the member's app keeps) is the only handle on an
 *   anonymous suggestion. No key is needed: the secret cannot be guessed, and nothing in it comes from the member.
 */
const keyed = (purpose: string, ...parts: string[]) =>
  createHmac('sha256', suggestionAuthorKey()).update([purpose, ...parts].join('\u0000')).digest('base64url');

export const authorTag = (userId: string) => keyed('author', userId);

export const rateTag = (userId: string, utcHour: string) => keyed('rate', userId, utcHour);

export const ownerHash = (ownerSecret: string) => createHash('sha256').update(`suggestion-owner\u0000${ownerSecret}`).digest('base64url');
