import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Member, Role, MemberCategory } from '../api/identity-model';
import { AppError } from './app-error';
import { config, type Config } from './config';

/** Who is calling, as carried in the session token. */
export interface Caller {
  userId: string;
  name: string;
  roles: Role[];
  branchId: string;
  category: MemberCategory;
}

const ISSUER = 'party-platform';
const encoder = new TextEncoder();

function secretKey(): Uint8Array {
  return encoder.encode(config().JWT_SECRET);
}

function audience(): string {
  return `party-platform:${config().STAGE}`;
}

export async function issueSession(member: Member, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAtSeconds = issuedAt + config().SESSION_TTL_SECONDS;
  const token = await new SignJWT({
    name: member.name,
    roles: member.roles,
    branchId: member.branchId,
    category: member.category,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(member.userId)
    .setIssuer(ISSUER)
    .setAudience(audience())
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds)
    .sign(secretKey());
  return { token, expiresAt: new Date(expiresAtSeconds * 1000).toISOString() };
}

/**
 * Tokens this Lambda copy has verified, until they expire: a member's next requests skip the signature check
 * (the dominant cost of small requests such as GET /api/v1/toggles). Valid for one configuration only, so a
 * changed secret or stage never accepts a token it would refuse. Bounded; the oldest entries go first.
 */
const VERIFIED_LIMIT = 10_000;
const verified = new Map<string, { caller: Caller; expiresAtMs: number }>();
let verifiedUnder: Config | undefined;

/** Verifies a bearer token; every failure is the same 401 so a forger learns nothing. */
export async function verifySession(token: string): Promise<Caller> {
  if (verifiedUnder !== config()) {
    verified.clear();
    verifiedUnder = config();
  }
  const known = verified.get(token);
  if (known && known.expiresAtMs > Date.now()) return known.caller;
  const entry = await verifySignedSession(token);
  if (verified.size >= VERIFIED_LIMIT) verified.delete(verified.keys().next().value as string);
  verified.set(token, entry);
  return entry.caller;
}

async function verifySignedSession(token: string): Promise<{ caller: Caller; expiresAtMs: number }> {
  try {
    const { payload } = await jwtVerify(token, secretKey(), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: audience(),
      requiredClaims: ['sub', 'exp'],
    });
    const { sub, name, roles, branchId, category, exp } = payload;
    if (typeof sub !== 'string' || typeof name !== 'string' || typeof branchId !== 'string' || !Array.isArray(roles)) {
      throw new AppError(401, 'UNAUTHENTICATED');
    }
    const caller: Caller = { userId: sub, name, roles: roles as Role[], branchId, category: category as MemberCategory };
    return { caller, expiresAtMs: (exp ?? 0) * 1000 };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AppError(401, 'UNAUTHENTICATED', '登录已过期，请重新登录');
    throw new AppError(401, 'UNAUTHENTICATED');
  }
}
