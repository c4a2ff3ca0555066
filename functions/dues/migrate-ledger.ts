import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/runtime/db';
import { cancellationReasons, queryAll } from '../../shared/runtime/db-helpers';
import { ChainVerifier, HEAD_SK, seqKey, type ChainBreak } from '../../shared/runtime/hash-chain';
import { duesKeys, LEDGER_PARTITION } from './keys';
import { branchChains, LEGACY_CHAIN, legacyChain, listCheckpoints } from './ledger';

/**
 * The move from the single global chain (`DUES#LEDGER`, every payment of the group waiting for the previous
 * one) to one chain per branch. Since this version, new entries go to their branch's chain and the single
 * chain takes none: it is frozen, and kept whole as the genesis record every branch chain's first entry links
 * to (its final head). The migration makes that permanent:
 * 1. verifies the single chain against its published checkpoints, page by page, saving its progress after each
 *    page (an interrupted run resumes where it stopped; `pageBudget` bounds one run);
 * 2. pins the genesis record (the single chain's count and final head) and gives the chain a head item, so an
 *    entry removed from its end is caught too, in one transaction;
 * 3. checks that every branch chain already opened links to that head.
 * Idempotent: a run after the migration verifies nothing again and changes nothing. A broken single chain
 * stops it (nothing pinned), naming the entry.
 */

export type LedgerMigration =
  | { status: 'in-progress'; verifiedSeq: number; headSeq: number }
  | { status: 'migrated' | 'already-migrated'; genesis: { count: number; headHash: string }; branchChains: number };

export class LedgerMigrationFailed extends Error {
  constructor(readonly broken: ChainBreak | { chain: string; seq: number; message: string }) {
    super(`ledger migration stopped: ${broken.chain} #${broken.seq}: ${broken.message}`);
    this.name = 'LedgerMigrationFailed';
  }
}

interface Progress {
  verifiedSeq: number;
  verifiedHash: string;
}

const RANGE = 1000;

async function readProgress(): Promise<Progress | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.ledgerMigration(), ConsistentRead: true }));
  return Item ? { verifiedSeq: Number(Item.verifiedSeq), verifiedHash: String(Item.verifiedHash) } : undefined;
}

async function saveProgress(progress: Progress, at: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...duesKeys.ledgerMigration(), type: 'dues-ledger-migration', ...progress, at: at.toISOString() } }));
}

async function pinnedGenesis(): Promise<{ count: number; headHash: string } | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: duesKeys.ledgerGenesis(), ConsistentRead: true }));
  return Item ? { count: Number(Item.count), headHash: String(Item.headHash) } : undefined;
}

/** Pins the genesis and the single chain's head together; a re-run finding them as they would be written is fine. */
async function pin(head: Progress, at: Date): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...duesKeys.ledgerGenesis(), type: 'dues-ledger-genesis', count: head.verifiedSeq, headHash: head.verifiedHash, at: at.toISOString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { pk: LEDGER_PARTITION, sk: HEAD_SK, type: 'dues-ledger-head', chain: LEGACY_CHAIN, seq: head.verifiedSeq, hash: head.verifiedHash },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

/** Every opened branch chain's first entry must link to the single chain's final head. */
async function checkBranchGenesis(genesisHash: string): Promise<number> {
  const chains = (await branchChains.chains()).filter((chain) => chain !== LEGACY_CHAIN);
  const firsts = await branchChains.getItems(chains.map((chain) => ({ chain, seq: 1 })));
  const wrong = firsts.find((item) => item.prevHash !== genesisHash);
  if (wrong) {
    throw new LedgerMigrationFailed({ chain: String(wrong.chain), seq: 1, message: `支部 ${String(wrong.chain)} 账本的第 1 条记录没有链接到原单链账本的最后一条` });
  }
  return chains.length;
}

export async function migrateLedger(options: { pageBudget?: number; now?: Date } = {}): Promise<LedgerMigration> {
  const now = options.now ?? new Date();
  const pinned = await pinnedGenesis();
  if (pinned) return { status: 'already-migrated', genesis: pinned, branchChains: await checkBranchGenesis(pinned.headHash) };

  const witnesses = (await listCheckpoints())
    .filter((checkpoint) => checkpoint.chains === undefined)
    .map((checkpoint) => ({ count: checkpoint.count, headHash: checkpoint.headHash, label: checkpoint.day }));
  let progress = (await readProgress()) ?? { verifiedSeq: 0, verifiedHash: await legacyChain.genesisHash(LEGACY_CHAIN) };
  let pages = 0;
  for (;;) {
    const head = await legacyChain.readHead(LEGACY_CHAIN);
    if (progress.verifiedSeq >= head.seq) break;
    if (options.pageBudget !== undefined && pages >= options.pageBudget) return { status: 'in-progress', verifiedSeq: progress.verifiedSeq, headSeq: head.seq };
    const to = Math.min(progress.verifiedSeq + RANGE, head.seq);
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': LEDGER_PARTITION, ':from': seqKey(progress.verifiedSeq + 1), ':to': seqKey(to) },
      ConsistentRead: true,
    });
    const verifier = new ChainVerifier(LEGACY_CHAIN, { resumeAfter: { seq: progress.verifiedSeq, hash: progress.verifiedHash }, witnesses, headSeq: to, label: () => '原单链账本' });
    for (const item of items) verifier.add(item);
    const result = verifier.result();
    // A checkpoint beyond this page is checked by a later page, not reported as missing entries here.
    const broken = result.firstBroken && !(result.firstBroken.reason === 'checkpoint' && result.firstBroken.seq > to) ? result.firstBroken : undefined;
    if (broken) throw new LedgerMigrationFailed(broken);
    progress = { verifiedSeq: result.count, verifiedHash: result.headHash };
    await saveProgress(progress, now);
    pages += 1;
  }
  const beyond = witnesses.find((witness) => witness.count > progress.verifiedSeq);
  if (beyond) throw new LedgerMigrationFailed({ chain: LEGACY_CHAIN, seq: progress.verifiedSeq + 1, message: `${beyond.label} 公布的校验点有 ${beyond.count} 条记录，现存只有 ${progress.verifiedSeq} 条，记录被删除` });
  const wrote = await pin(progress, now);
  const genesis = wrote ? { count: progress.verifiedSeq, headHash: progress.verifiedHash } : (await pinnedGenesis())!;
  if (genesis.headHash !== progress.verifiedHash) throw new LedgerMigrationFailed({ chain: LEGACY_CHAIN, seq: genesis.count, message: '另一次迁移固定了不同的创世记录' });
  return { status: wrote ? 'migrated' : 'already-migrated', genesis, branchChains: await checkBranchGenesis(genesis.headHash) };
}
