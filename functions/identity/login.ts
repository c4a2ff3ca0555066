import type { DevAccount, Session } from '../../shared/api/identity';
import { CATEGORY_LABELS } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import { logger } from '../../shared/runtime/logger';
import { issueSession } from '../../shared/runtime/session';
import type { WecomClient } from '../../shared/runtime/wecom';
import { getDemoAccountIds, getMember, getMembers, listOrgUnits } from './store';

/** WeCom answers these for a code that is wrong, used or older than five minutes. */
const INVALID_CODE_ERRCODES = new Set([40029, 40163, 40082, 40078]);

async function sessionFor(userId: string): Promise<Session> {
  const member = await getMember(userId);
  if (!member) throw new AppError(403, 'MEMBER_NOT_FOUND');
  return { ...(await issueSession(member)), member };
}

/**
 * Exchanges a `wx.qy.login` code for a session: the code goes to WeCom's jscode2session, the corp id
 * in the answer must be ours, and the WeCom userid must be on the roster. `session_key` never leaves.
 */
export async function wecomLogin(code: string, wecom: WecomClient): Promise<Session> {
  const reply = await wecom.get('/cgi-bin/miniprogram/jscode2session', { js_code: code, grant_type: 'authorization_code' });
  if (reply.errcode !== undefined && reply.errcode !== 0) {
    if (INVALID_CODE_ERRCODES.has(reply.errcode)) throw new AppError(401, 'WECOM_CODE_INVALID');
    logger.error('wecom jscode2session failed', { errcode: reply.errcode, errmsg: reply.errmsg });
    throw new AppError(503, 'WECOM_UNAVAILABLE');
  }
  if (reply.corpid !== wecom.corp) {
    logger.warn('wecom login from another corp refused');
    throw new AppError(403, 'WECOM_CORP_MISMATCH');
  }
  if (typeof reply.userid !== 'string' || reply.userid === '') throw new AppError(401, 'WECOM_CODE_INVALID');
  return sessionFor(reply.userid);
}

/** Local stage only: sign in as one of the seeded demo identities. */
export async function devLogin(userId: string): Promise<Session> {
  const demoIds = await getDemoAccountIds();
  if (!demoIds.includes(userId)) throw new AppError(403, 'FORBIDDEN', '只能使用演示账号登录');
  return sessionFor(userId);
}

export async function listDevAccounts(): Promise<DevAccount[]> {
  const ids = await getDemoAccountIds();
  const [members, units] = await Promise.all([getMembers(ids), listOrgUnits()]);
  const branchName = new Map(units.map((unit) => [unit.id, unit.name]));
  return ids.flatMap((id) => {
    const member = members.get(id);
    if (!member) return [];
    return [
      {
        userId: member.userId,
        name: member.name,
        roles: member.roles,
        category: member.category,
        branchName: branchName.get(member.branchId) ?? CATEGORY_LABELS[member.category],
      },
    ];
  });
}
