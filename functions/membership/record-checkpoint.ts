import { mapLimited } from '../../shared/runtime/each-limited';
import { membersWithRoles } from '../../shared/runtime/member-directory';
import { logger } from '../../shared/runtime/logger';
import { sendNotice, type NoticeSender } from '../../shared/runtime/outbound';
import type { ChainVerification, HeadLeaf } from '../../shared/runtime/hash-chain';
import { shanghaiToday } from './joining/calendar';
import { recordChains, recordCheckpoints } from './record-chain';

const VERIFY_CONCURRENCY = 8;

const inParallel = <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => mapLimited(items, VERIFY_CONCURRENCY, work);


/** A 64-character hash split into notice items of at most 30 characters. */
const hashItems = (hash: string) => [0, 1, 2].map((part) => ({ key: `根哈希${part + 1}`, value: hash.slice(part * 22, part * 22 + 22) }));

/**
 * The nightly checkpoint of the record chains (the dues ledger's pattern): every chain whose head moved since the
 * previous checkpoint (or that is new) is recomputed and held against its head in that checkpoint, then the
 * Merkle root of every chain's head is signed, stored with the heads, and pushed to the admins outside the
 * table, so a history rewritten later cannot match it. A chain whose head did not move extends its checkpointed
 * head by definition; an entry edited beneath it without rehashing is named whenever the chain is verified (by
 * the member, a secretary), and rehashing moves the head, which this job then catches. So the job reads every
 * head (BatchGet, 100 a call) but only the chains that changed that day. A broken chain is reported to the
 * admins instead (person and entry) and nothing is checkpointed.
 */
export async function publishRecordCheckpoint(sender: NoticeSender, now = new Date()): Promise<{ ok: boolean; published: boolean; chains: number; verified: number; root?: string }> {
  const day = shanghaiToday(now);
  const previous = await recordCheckpoints.latest();
  const witnessed = new Map((previous ? await recordCheckpoints.heads(previous) : []).map((head) => [head.chain, head]));
  // A chain the previous checkpoint knew stays in every later one, even if its registry line went missing.
  const chains = [...new Set([...(await recordChains.chains()), ...witnessed.keys()])].sort();
  const heads = await recordChains.heads(chains);
  const changed = chains.filter((chain) => {
    const [head, known] = [heads.get(chain)!, witnessed.get(chain)];
    return !known || known.seq !== head.seq || known.hash !== head.hash;
  });
  const results: ChainVerification[] = await inParallel(changed, (chain) => {
    const head = witnessed.get(chain);
    return recordChains.verify(chain, head && previous ? [{ count: head.seq, headHash: head.hash, label: previous.id }] : []);
  });
  const recipients = await membersWithRoles(['admin']);
  const broken = results.find((result) => !result.ok)?.firstBroken;
  if (broken) {
    logger.error('membership record chain verification failed', { firstBroken: broken });
    if (recipients.length > 0) {
      await sendNotice(
        {
          key: `membership-chain-broken#${day}`,
          toUsers: recipients,
          title: '党员档案链异常',
          description: '档案链校验未通过',
          page: `membership/pages/history/index?personId=${broken.chain}`,
          contentItems: [
            { key: '档案', value: broken.chain.slice(0, 30) },
            { key: '异常记录', value: `第 ${broken.seq} 条` },
            { key: '日期', value: day },
          ],
        },
        sender,
        now,
      );
    }
    return { ok: false, published: false, chains: chains.length, verified: changed.length };
  }
  // Heads read again after verification extend the verified chains (appends only add entries after a head).
  const current = await recordChains.heads(chains);
  const leaves: HeadLeaf[] = chains.map((chain) => ({ chain, ...current.get(chain)! }));
  const { checkpoint, published } = await recordCheckpoints.publish(day, leaves, now);
  if (published && recipients.length > 0) {
    await sendNotice(
      {
        key: `membership-checkpoint#${day}`,
        toUsers: recipients,
        title: '党员档案链校验点',
        description: '档案链校验通过',
        page: 'membership/pages/history/index',
        contentItems: [{ key: '日期', value: day }, { key: '档案链', value: String(checkpoint.chains) }, ...hashItems(checkpoint.root)],
      },
      sender,
      now,
    );
  }
  return { ok: true, published, chains: chains.length, verified: changed.length, root: checkpoint.root };
}
