import { membershipApi, type CardStatement } from '@shared/api';
import { verifyCardOffline } from '@shared/membership-card/card-token';
import { cardPublicKeys } from '@shared/membership-card/public-keys';
import { callQuietly } from '../../services/api';

export interface Verdict {
  ok: boolean;
  title: string;
  statement?: CardStatement;
  note: string;
}

const REASONS: Record<string, string> = {
  malformed: '这不是本平台的电子党员证',
  'bad-signature': '签名无效：党员证内容被改动或不是本平台签发',
  expired: '党员证已过期，请对方刷新后重新出示',
  revoked: '该党员证已注销（挂失或组织关系已转出）',
  'unknown-member': '党员名册中没有此人',
};

/** What the phone alone can tell: the platform's signature and the expiry, by the device's clock. */
export async function checkCardOffline(token: string): Promise<Verdict> {
  const offline = await verifyCardOffline(token.trim(), cardPublicKeys(MEMBER_CARD_PUBLIC_KEY), Date.now());
  if (!offline.valid) return { ok: false, title: '验证未通过', note: REASONS[offline.reason] ?? '验证未通过', ...(offline.statement ? { statement: offline.statement } : {}) };
  return { ok: true, title: '验证通过', statement: offline.statement, note: '离线验证：签名有效、在有效期内；正在联网核对是否注销…' };
}

/** Then, when the network answers, whether the card was revoked; without an answer the offline verdict stands. */
export async function checkCardOnline(token: string, offline: Verdict): Promise<Verdict> {
  if (!offline.ok) return offline;
  try {
    const online = await callQuietly(membershipApi.verifyCard, { body: { token: token.trim() } });
    if (!online.valid) return { ...offline, ok: false, title: '验证未通过', note: REASONS[online.reason ?? ''] ?? '验证未通过' };
    return { ...offline, note: '签名有效，已联网核对，未注销' };
  } catch {
    return { ...offline, note: '离线验证：签名有效、在有效期内；未能联网核对是否注销' };
  }
}
