import { createHash } from 'node:crypto';
import type * as z from 'zod/mini';
import type { mobileInputSchema } from '../../shared/api/membership';
import { AppError } from '../../shared/runtime/app-error';
import { memberProfile } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { managesBranch } from './access';
import { branchMobile, putMobile, type MobileRegistration } from './store';

/**
 * 流动党员: a member working away for a while keeps their branch and registers where they take part in organisation
 * life meanwhile (a stay of six months or more at one place is a full transfer instead, DOMAIN.md).
 */
export async function registerMobile(caller: Caller, body: z.infer<typeof mobileInputSchema>, now = new Date()): Promise<MobileRegistration> {
  if (body.until < body.from) throw new AppError(400, 'VALIDATION_FAILED', '结束日期不能早于开始日期', [{ path: 'body.until', message: '结束日期不能早于开始日期' }]);
  const member = await memberProfile(body.userId);
  if (!member || !(member.userId === caller.userId || managesBranch(caller, member.branchId))) throw new AppError(404, 'MEMBER_NOT_FOUND', '没有找到这名党员，或您不能为其登记');
  return putMobile({
    id: createHash('sha256').update(`${caller.userId}\n${body.clientRequestId}`).digest('hex').slice(0, 20),
    userId: member.userId,
    name: member.name,
    branchId: member.branchId,
    place: body.place,
    takesPartIn: body.takesPartIn,
    from: body.from,
    until: body.until,
    registeredBy: caller.userId,
    registeredAt: now.toISOString(),
  });
}

export const mobileMembers = (branchId: string) => branchMobile(branchId);
