import type { Checkpoint } from '../../shared/api/dues';
import type { NoticeSender } from '../../shared/runtime/outbound';
import { sendNotice } from '../../shared/runtime/outbound';
import { logger } from '../../shared/runtime/logger';
import { chainHeads, LEGACY_CHAIN, publishHeads, verifyLedger } from './ledger';
import { shanghaiDay } from './months';
import { membersWithRoles } from '../../shared/runtime/member-directory';

/** A 64-character hash split into notice items of at most 30 characters. */
const hashItems = (hash: string) => [0, 1, 2].map((part) => ({ key: `根哈希${part + 1}`, value: hash.slice(part * 22, part * 22 + 22) }));

/**
 * The daily checkpoint: every chain is verified, then the Merkle root of every chain's head is signed, stored
 * with the heads, and pushed to the admins and finance, outside the table. Whoever later rewrites history —
 * even a whole chain after it — cannot match the root they received. A broken ledger is reported instead
 * (branch and entry) and never checkpointed.
 */
export async function publishCheckpoint(sender: NoticeSender, now = new Date()): Promise<{ checkpoint?: Checkpoint; ok: boolean; published: boolean }> {
  const day = shanghaiDay(now);
  const verification = await verifyLedger();
  const recipients = await membersWithRoles(['admin', 'finance']);
  if (!verification.ok) {
    const broken = verification.firstBroken;
    logger.error('dues ledger verification failed', { firstBroken: broken });
    if (recipients.length > 0) {
      await sendNotice(
        {
          key: `dues-ledger-broken#${day}`,
          toUsers: recipients,
          title: '党费账本异常',
          description: '账本校验未通过',
          page: 'dues/pages/reports/index',
          contentItems: [
            { key: '账本', value: broken?.chain ? `支部 ${broken.chain}`.slice(0, 30) : broken?.chain === '' ? '校验点' : '原单链' },
            { key: '异常记录', value: `第 ${broken?.seq ?? '?'} 条` },
            { key: '日期', value: day },
          ],
        },
        sender,
        now,
      );
    }
    return { ok: false, published: false };
  }
  // The heads as verified a moment ago could have moved on: the checkpoint commits to the heads as read now,
  // each of which extends a verified chain (appends only ever add entries after a head).
  const heads = await chainHeads();
  const { checkpoint, published } = await publishHeads(day, heads, now);
  if (published && recipients.length > 0) {
    await sendNotice(
      {
        key: `dues-checkpoint#${day}`,
        toUsers: recipients,
        title: '党费账本校验点',
        description: '账本校验通过',
        page: 'dues/pages/reports/index',
        contentItems: [
          { key: '日期', value: day },
          { key: '记录条数', value: String(checkpoint.count) },
          { key: '支部账本', value: String(heads.filter((head) => head.chain !== LEGACY_CHAIN).length) },
          ...hashItems(checkpoint.headHash),
        ],
      },
      sender,
      now,
    );
  }
  return { checkpoint, ok: true, published };
}
