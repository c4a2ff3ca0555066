import type { CardVerdict } from '../../shared/api/membership';
import { STANDING_LABELS } from '../../shared/api/membership';
import { AppError } from '../../shared/runtime/app-error';
import { config } from '../../shared/runtime/config';
import { memberProfile, organisationUnits } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { publicKeyId, publicKeyOf, signCard, verifyCardOffline } from '../../shared/membership-card/card-token';
import { getRecord, bumpCard, cardGeneration } from './store';
import { stageOfRecord } from './people';
import { membershipSettings } from './settings';

/**
 * The digital member card: a short-lived statement of name, branch and standing, signed with the stage's
 * Ed25519 key (a secret, SSM on a deployed stage). The branch comes from the member directory at signing time, so
 * after a transfer the next card shows the receiving branch; the generation lets the platform refuse older cards.
 */
export async function issueCard(caller: Caller, now = new Date()) {
  const [member, record, gen, units] = await Promise.all([memberProfile(caller.userId), getRecord(caller.userId), cardGeneration(caller.userId), organisationUnits()]);
  if (!member) throw new AppError(404, 'CARD_NOT_AVAILABLE');
  const standing = record ? STANDING_LABELS[stageOfRecord(record)] : member.category === 'probationary' ? STANDING_LABELS.probationary : STANDING_LABELS.full;
  const iat = Math.floor(now.getTime() / 1000);
  const statement = {
    v: 1 as const,
    sub: member.userId,
    name: member.name,
    branchId: member.branchId,
    branchName: units.find((unit) => unit.id === member.branchId)?.name ?? member.branchId,
    standing,
    gen,
    iat,
    exp: iat + membershipSettings().MEMBERSHIP_CARD_TTL_MINUTES * 60,
  };
  const seed = config().MEMBER_CARD_SIGNING_KEY;
  return { statement, token: await signCard(statement, seed), publicKeyId: publicKeyId(await publicKeyOf(seed)) };
}

/** The online check: signature and expiry as offline, then whether the member is still on the roll and the card current. */
export async function verifyCardOnline(token: string, now = new Date()): Promise<CardVerdict> {
  const offline = await verifyCardOffline(token, [await publicKeyOf(config().MEMBER_CARD_SIGNING_KEY)], now.getTime());
  if (!offline.valid) return { valid: false, reason: offline.reason, ...(offline.statement ? { statement: offline.statement } : {}), checkedOnline: true };
  const { statement } = offline;
  const [member, gen] = await Promise.all([memberProfile(statement.sub), cardGeneration(statement.sub)]);
  if (!member) return { valid: false, reason: 'unknown-member', statement, checkedOnline: true };
  if (statement.gen < gen) return { valid: false, reason: 'revoked', statement, checkedOnline: true };
  return { valid: true, statement, checkedOnline: true };
}

/** A secretary of the member's branch (or an admin) revokes every card signed so far (a lost phone). */
export async function revokeCards(caller: Caller, userId: string, now = new Date()): Promise<{ userId: string; gen: number }> {
  const member = await memberProfile(userId);
  const managed = member && (caller.roles.includes('admin') || (caller.roles.includes('secretary') && caller.branchId === member.branchId));
  if (!managed) throw new AppError(404, 'MEMBER_NOT_FOUND', '没有找到这名党员，或不在您的支部');
  return { userId, gen: await bumpCard(userId, now.toISOString()) };
}
