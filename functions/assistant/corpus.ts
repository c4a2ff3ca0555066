import { createHash } from 'node:crypto';
import type { Corpus, ManagedPassage, PassageInput } from '../../shared/api/assistant';
import { contentBlockedError, moderateText } from '../../shared/moderation';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { jiebaSegmenter } from '../../shared/text/jieba';
import { shippedPassages } from './corpus/shipped';
import { Retriever } from './retrieval/retriever';
import { changedPassages, corpusVersion, storedPassage, writeChange, type PassageChange } from './store';

/**
 * The corpus in force: the shipped passages with the admins' changes over them (added passages, retired ones),
 * versioned — every change is the next version, and each Lambda copy rebuilds its index when the version moves.
 */

const asShipped = (passage: ReturnType<typeof shippedPassages>[number]): ManagedPassage => ({ ...passage, status: 'active', origin: 'shipped', version: 0 });

async function corpusAt(version: number): Promise<Corpus> {
  const changed = new Map((version === 0 ? [] : await changedPassages()).map((passage) => [passage.id, passage]));
  const shipped = shippedPassages().map((passage) => changed.get(passage.id) ?? asShipped(passage));
  const added = [...changed.values()].filter((passage) => passage.origin === 'added').sort((a, b) => a.version - b.version);
  return { version, items: [...shipped, ...added] };
}

export async function corpusInForce(): Promise<Corpus> {
  return corpusAt(await corpusVersion());
}

let index: { version: number; retriever: Promise<Retriever<ManagedPassage>> } | undefined;

/** The retriever over the active passages of the version in force, built once per version in this copy. */
export async function currentRetriever(): Promise<Retriever<ManagedPassage>> {
  const version = await corpusVersion();
  if (index?.version !== version) {
    const retriever = (async () => {
      const [corpus, jieba] = await Promise.all([corpusAt(version), jiebaSegmenter()]);
      return new Retriever(corpus.items.filter((passage) => passage.status === 'active'), jieba);
    })();
    // A failed build is not kept: the next question tries again.
    retriever.catch(() => {
      if (index?.retriever === retriever) index = undefined;
    });
    index = { version, retriever };
  }
  return index.retriever;
}

/** Rule text is read by every member as the platform's word: it passes the filter, and nothing held for review is published. */
async function assertPublishable(input: PassageInput): Promise<void> {
  for (const text of [input.title, input.text, input.source]) {
    const result = await moderateText(text);
    if (result.verdict === 'block') throw contentBlockedError(result);
    if (result.verdict === 'review') throw new AppError(422, 'PASSAGE_NEEDS_REVIEW');
  }
}

/** The same request (admin and clientRequestId) always names the same passage, so a repeated add adds once. */
const addedIdFor = (userId: string, clientRequestId: string) =>
  `added-${createHash('sha256').update(`${userId}\n${clientRequestId}`).digest('hex').slice(0, 16)}`;

const MAX_ATTEMPTS = 5;

/** Writes a change as the next version, reading the version again when another admin's change came first. */
async function commit(change: PassageChange): Promise<'written' | 'passage-exists'> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const outcome = await writeChange(await corpusVersion(), change);
    if (outcome !== 'version-moved') return outcome;
  }
  throw new AppError(409, 'CONFLICT', '条文库正被其他管理员修改，请稍后重试');
}

export async function addPassage(caller: Caller, input: PassageInput, now = new Date()): Promise<{ passage: ManagedPassage; created: boolean }> {
  await assertPublishable(input);
  const id = addedIdFor(caller.userId, input.clientRequestId);
  const passage: ManagedPassage = {
    id,
    title: input.title,
    text: input.text,
    source: input.source,
    status: 'active',
    origin: 'added',
    version: 0,
    updatedAt: now.toISOString(),
    updatedBy: caller.userId,
  };
  const outcome = await commit({ action: 'add', passage, at: now.toISOString(), by: caller.userId });
  return { passage: (await storedPassage(id))!, created: outcome === 'written' };
}

/** Retires a passage (shipped or added): it stays listed for admins and is no longer used in answers. */
export async function retirePassage(caller: Caller, id: string, now = new Date()): Promise<ManagedPassage> {
  const current = (await corpusInForce()).items.find((passage) => passage.id === id);
  if (!current) throw new AppError(404, 'PASSAGE_NOT_FOUND');
  if (current.status === 'retired') return current;
  await commit({ action: 'retire', passage: { ...current, status: 'retired', updatedAt: now.toISOString(), updatedBy: caller.userId }, at: now.toISOString(), by: caller.userId });
  return (await storedPassage(id))!;
}
