import { createHmac, randomUUID } from 'node:crypto';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { migrateAnonymity } from '../../functions/suggestion-box/migrate-anonymity';
import { suggestionKeys } from '../../functions/suggestion-box/keys';
import { suggestionAuthorKey } from '../../shared/runtime/config';
import { db, tableName } from '../../shared/runtime/db';
import { as, memberById } from '../support/suggestions';
import { useSeededTable } from '../support/table';

useSeededTable();

const AUTHOR = 'm0031';
const member = memberById(AUTHOR);
const oldTag = (purpose: string, ...parts: string[]) => createHmac('sha256', suggestionAuthorKey()).update([purpose, ...parts].join('\u0000')).digest('base64url');

type Item = Record<string, unknown>;
const put = (item: Item) => db().send(new PutCommand({ TableName: tableName(), Item: item }));
const runMigration = () => migrateAnonymity();

async function scanSuggestionItems(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).filter((item) => String(item.pk).startsWith('SUGG')));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Writes a suggestion, its events and its author's items exactly as the old design stored them. */
async function writeOldDesign(input: { id: string; anonymous: boolean; createdAt: string; replyAt: string; ratedAt: string; requestId: string }): Promise<void> {
  const authorTag = oldTag('author', AUTHOR);
  const { id, anonymous, createdAt, replyAt, ratedAt } = input;
  const suggestion = {
    id,
    title: anonymous ? '旧版匿名意见' : '旧版实名意见',
    content: '这是迁移前按旧设计存下的意见。',
    category: 'work',
    anonymous,
    ...(anonymous ? {} : { authorId: AUTHOR, authorName: member.name }),
    ownerTag: oldTag('owner', AUTHOR, id),
    branchId: member.branchId,
    status: 'replied',
    moderation: { verdict: 'pass', categories: [], titleHits: [], contentHits: [] },
    reply: { text: '已办理。', byId: 'demo-admin', byName: '杨管理', at: replyAt },
    rating: 4,
    createdAt,
    updatedAt: ratedAt,
  };
  const actor = anonymous ? {} : { actorId: AUTHOR, actorName: member.name };
  await put({
    ...suggestionKeys.suggestion(id),
    ...suggestionKeys.byBranch(member.branchId, 'replied', createdAt, id),
    ...suggestionKeys.byStatus('replied', createdAt, id),
    type: 'suggestion',
    ...suggestion,
  });
  await put({ ...suggestionKeys.event(id, createdAt, '00'), type: 'suggestion-event', at: createdAt, action: 'submitted', ...actor });
  await put({ ...suggestionKeys.event(id, replyAt, '00'), type: 'suggestion-event', at: replyAt, action: 'replied', actorId: 'demo-admin', actorName: '杨管理' });
  await put({ ...suggestionKeys.event(id, ratedAt, '00'), type: 'suggestion-event', at: ratedAt, action: 'rated', note: '4 分', ...actor });
  await put({ ...suggestionKeys.authorPointer(authorTag, createdAt, id), type: 'suggestion-pointer', suggestionId: id });
  await put({ ...suggestionKeys.request(authorTag, input.requestId), type: 'suggestion-request', suggestionId: id, ttl: 1_900_000_000 });
  await put({ pk: `SUGG-RATE#${authorTag}#${createdAt.slice(0, 13)}`, sk: 'RATE', count: 2, ttl: Math.floor(Date.parse(createdAt) / 1000) + 7200 });
}

describe('the migration of the old anonymity design', () => {
  const anonymousId = randomUUID();
  const namedId = randomUUID();

  beforeAll(async () => {
    await writeOldDesign({ id: anonymousId, anonymous: true, createdAt: '2026-03-05T03:17:42.123Z', replyAt: '2026-03-06T01:00:05.000Z', ratedAt: '2026-03-06T02:30:10.456Z', requestId: 'old-request-0001' });
    await writeOldDesign({ id: namedId, anonymous: false, createdAt: '2026-03-05T03:18:01.000Z', replyAt: '2026-03-06T01:10:00.000Z', ratedAt: '2026-03-06T02:31:00.000Z', requestId: 'old-request-0002' });
  });

  it('removes every link between an anonymous suggestion and its author, restamps the author’s acts by the hour, and changes nothing the second time', async () => {
    const before = await scanSuggestionItems();
    expect(before.filter((item) => item.suggestionId === anonymousId)).toHaveLength(2);

    const first = await runMigration();
    expect(first.rewritten).toBe(1);
    expect(first.countersRemoved).toBe(1);
    const after = await scanSuggestionItems();
    const again = await runMigration();
    expect(again).toMatchObject({ rewritten: 0, countersRemoved: 0 });
    expect(await scanSuggestionItems()).toEqual(expect.arrayContaining(after));

    // Nothing under the author's tag points at the anonymous suggestion any more; old counters are gone.
    const authorTag = oldTag('author', AUTHOR);
    expect(after.filter((item) => item.suggestionId === anonymousId)).toEqual([]);
    expect(after.filter((item) => String(item.pk).startsWith('SUGG-RATE#'))).toEqual([]);
    expect(after.filter((item) => String(item.pk).includes(authorTag)).every((item) => item.suggestionId === namedId)).toBe(true);
    const anonymousItems = after.filter((item) => JSON.stringify(item).includes(anonymousId));
    expect(JSON.stringify(anonymousItems)).not.toContain(authorTag);
    expect(JSON.stringify(anonymousItems)).not.toContain(oldTag('owner', AUTHOR, anonymousId));
    expect(JSON.stringify(anonymousItems)).not.toMatch(/03:17:42|02:30:10/);

    const stored = anonymousItems.find((item) => item.sk === 'SUGGESTION')!;
    expect(stored).toMatchObject({ createdAt: '2026-03-05T03:00:00.000Z', updatedAt: '2026-03-06T02:00:00.000Z', gsi2sk: `2026-03-05T03:00:00.000Z#${anonymousId}` });
    expect(stored.ownerTag).toBeUndefined();
    expect(after.find((item) => item.id === namedId && item.sk === 'SUGGESTION')!.ownerTag).toBeUndefined();

    // Handlers still see the anonymous suggestion and its history in order; the author keeps the named one.
    const detail = await as('demo-admin', 'GET', `/api/v1/suggestions/${anonymousId}`);
    expect(detail.body.suggestion).toMatchObject({ author: { anonymous: true }, status: 'replied', rating: 4, createdAt: '2026-03-05T03:00:00.000Z' });
    expect(detail.body.history.map((e: { action: string; at: string }) => [e.action, e.at])).toEqual([
      ['submitted', '2026-03-05T03:00:00.000Z'],
      ['replied', '2026-03-06T01:00:05.000Z'],
      ['rated', '2026-03-06T02:00:00.000Z'],
    ]);
    const mine = await as(AUTHOR, 'GET', '/api/v1/suggestions/mine', { query: { limit: '100' } });
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual([namedId]);
    expect((await as(AUTHOR, 'GET', `/api/v1/suggestions/mine/${namedId}`)).body.suggestion).toMatchObject({ id: namedId, rating: 4 });
  });
});
