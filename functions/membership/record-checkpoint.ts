import { memberPage } from '../../shared/runtime/member-directory';
import { logger } from '../../shared/runtime/logger';
import { sendNotice, type NoticeSender } from '../../shared/runtime/outbound';
import type { Item } from '../../shared/runtime/db-helpers';
import type { ChainVerification, HeadLeaf } from '../../shared/runtime/hash-chain';
import { shanghaiToday } from './joining/calendar';
import { recordChains, recordCheckpoints } from './record-chain';

const VERIFY_CONCURRENCY = 8;

async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(VERIFY_CONCURRENCY, items.length) }, worker));
  return results;
}

async function admins(): Promise<string[]> {
  const ids: string[] = [];
  let after: Item | undefined;
  do {
    const page = await memberPage(after);
    ids.push(...page.members.filter((member) => member.roles.includes('admin')).map((member) => member.userId));
    after = page.next;
  } while (after);
  return ids;
}

/** A 64-character hash split into notice items of at most 30 characters. */
const hashItems = (hash: string) => [0, 1, 2].map((part) => ({ key: `根哈希${part + 1}`, value: hash.slice(part * 22, part * 22 + 22) }));

/**
 * The nightly checkpoint of the record chains (the dues ledger's pattern): every person's chain is recomputed
 * and held against the previous checkpoint, then the Merkle root of every chain's head is signed, stored with
 * the heads, and pushed to the admins outside the table, so a history rewritten later cannot match it. A broken
 * chain is reported to the admins instead (person and entry) and nothing is checkpointed.
 */
export async function publishRecordCheckpoint(sender: NoticeSender, now = new Date()): Promise<{ ok: boolean; published: boolean; chains: number; root?: string }> {
  const day = shanghaiToday(now);
  const chains = await recordChains.chains();
  const previous = await recordCheckpoints.latest();
  const witnessed = new Map((previous ? await recordCheckpoints.heads(previous) : []).map((head) => [head.chain, head]));
  const results: ChainVerification[] = await inParallel(chains, (chain) => {
    const head = witnessed.get(chain);
    return recordChains.verify(chain, head && previous ? [{ count: head.seq, headHash: head.hash, label: `${previous.id} 校验点` }] : []);
  });
  const recipients = await admins();
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
    return { ok: false, published: false, chains: chains.length };
  }
  // Heads read after verification extend the verified chains (appends only add entries after a head).
  const heads = await recordChains.heads(chains);
  const leaves: HeadLeaf[] = chains.map((chain) => ({ chain, ...heads.get(chain)! }));
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
  return { ok: true, published, chains: chains.length, root: checkpoint.root };
}
