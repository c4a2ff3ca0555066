import type { Checkpoint } from '../../shared/api/dues';
import type { NoticeSender } from '../../shared/runtime/outbound';
import { sendNotice } from '../../shared/runtime/outbound';
import { logger } from '../../shared/runtime/logger';
import { putCheckpoint, verifyLedger } from './ledger';
import { shanghaiDay } from './months';
import { membersWithRoles } from './staff';

/** A 64-character hash split into notice items of at most 30 characters. */
const hashItems = (hash: string) => [0, 1, 2].map((part) => ({ key: `头哈希${part + 1}`, value: hash.slice(part * 22, part * 22 + 22) }));

/**
 * The daily checkpoint: the chain is verified, then its head hash and count are stored and pushed to the
 * admins and finance, outside the table. Whoever later rewrites history — even the whole chain after it —
 * cannot match the head hash they received. A broken chain is reported instead and never checkpointed.
 */
export async function publishCheckpoint(sender: NoticeSender, now = new Date()): Promise<{ checkpoint?: Checkpoint; ok: boolean; published: boolean }> {
  const day = shanghaiDay(now);
  const verification = await verifyLedger();
  const recipients = await membersWithRoles(['admin', 'finance']);
  if (!verification.ok) {
    logger.error('dues ledger verification failed', { firstBroken: verification.firstBroken });
    if (recipients.length > 0) {
      await sendNotice(
        {
          key: `dues-ledger-broken#${day}`,
          toUsers: recipients,
          title: '党费账本异常',
          description: '账本校验未通过',
          page: 'dues/pages/reports/index',
          contentItems: [{ key: '异常记录', value: `第 ${verification.firstBroken?.seq ?? '?'} 条` }, { key: '日期', value: day }],
        },
        sender,
        now,
      );
    }
    return { ok: false, published: false };
  }
  const checkpoint: Checkpoint = { day, count: verification.count, headHash: verification.headHash, at: now.toISOString() };
  const published = await putCheckpoint(checkpoint);
  if (published && recipients.length > 0) {
    await sendNotice(
      {
        key: `dues-checkpoint#${day}`,
        toUsers: recipients,
        title: '党费账本校验点',
        description: '账本校验通过',
        page: 'dues/pages/reports/index',
        contentItems: [{ key: '日期', value: day }, { key: '记录条数', value: String(checkpoint.count) }, ...hashItems(checkpoint.headHash)],
      },
      sender,
      now,
    );
  }
  return { checkpoint, ok: true, published };
}
