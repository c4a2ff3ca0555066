import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { httpHandler } from '../../functions/course-push/handler';
import { demoMembers } from '../../scripts/local/demo-data';
import { resetConfigForTests } from '../../shared/runtime/config';
import { db, tableName } from '../../shared/runtime/db';
import { outboxKeys, PENDING_SHARDS, SENT_RETENTION_DAYS } from '../../shared/runtime/outbound/keys';
import { deliver, deliverDueNotices, enqueueNotice, getOutboxRecord, LEASE_MS, outboxPut, WecomNoticeSender, type Notice, type NoticeSender } from '../../shared/runtime/outbound';
import { issueSession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { useFakeWecomSender, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { useSeededTable } from '../support/table';

jest.setTimeout(240_000);
useSeededTable();

let wecom: FakeWecomMessages;
let sender: WecomNoticeSender;

useFakeWecomSender({ OUTBOX_MAX_ATTEMPTS: '2' }, (world) => ({ wecom, sender } = world));

/** A notice to `count` made-up members, unique to the test (so the seeded demo's own notices never mix in). */
function noticeTo(tag: string, count: number): Notice {
  return {
    key: `test#${tag}#${randomUUID()}`,
    toUsers: Array.from({ length: count }, (_, index) => `${tag}-${index}`),
    title: '学习提醒通知',
    description: '本周有课程待学习',
    page: 'pages/index/index',
  };
}

/** How many WeCom deliveries each recipient whose id starts with `tag-` got. */
function receipts(tag: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const notice of wecom.delivered) for (const user of notice.toUsers) if (user.startsWith(`${tag}-`)) counts.set(user, (counts.get(user) ?? 0) + 1);
  return counts;
}
const callsFor = (tag: string) => wecom.delivered.filter((notice) => notice.toUsers.some((user) => user.startsWith(`${tag}-`))).length;

/** A clock that reads the real time shifted by `offset()`. */
const shiftedClock = (offset: () => number) => () => Date.now() + offset();

describe('the outbox never sends a notice twice', () => {
  it('two pollers racing over the same queue deliver every notice exactly once', async () => {
    const tag = 'race';
    // Mixed sizes: most notices are one WeCom call, some need three (2,500 recipients).
    const notices = Array.from({ length: 24 }, (_, index) => noticeTo(`${tag}${index}`, index % 6 === 0 ? 2_500 : 1 + (index % 5)));
    for (const notice of notices) expect(await enqueueNotice(notice)).toBe(true);

    const [first, second] = await Promise.all([deliverDueNotices(sender, { limit: 500 }), deliverDueNotices(sender, { limit: 500 })]);
    // Whatever one poller found busy, the other sent; nothing was lost to a lease either.
    expect((first.sent ?? 0) + (second.sent ?? 0)).toBeGreaterThanOrEqual(notices.length);
    for (const [index, notice] of notices.entries()) {
      const counts = receipts(`${tag}${index}`);
      expect(counts.size).toBe(notice.toUsers.length);
      expect([...counts.values()].every((times) => times === 1)).toBe(true);
      expect(callsFor(`${tag}${index}`)).toBe(Math.ceil(notice.toUsers.length / 1000));
      expect((await getOutboxRecord(notice.key))?.status).toBe('sent');
    }
  });

  it('a sender whose lease runs out mid-notice stops at once; the next one finishes from the next batch', async () => {
    const tag = 'stall';
    const notice = noticeTo(tag, 2_500);
    await enqueueNotice(notice);
    // Copy A stalls after its first batch is recorded (a long GC pause, a frozen container): from then on its clock
    // reads past its lease. Reads of A's clock: claim, renewal before batch 1, progress of batch 1, renewal before batch 2.
    let readsOfA = 0;
    const clockA = shiftedClock(() => (++readsOfA >= 4 ? 2 * LEASE_MS : 0));
    expect(await deliver(notice.key, sender, { owner: 'copy-a', clock: clockA })).toBe('lease-lost');
    expect(callsFor(tag)).toBe(1);
    expect(await getOutboxRecord(notice.key)).toMatchObject({ status: 'pending', batchesSent: 1, leaseOwner: 'copy-a' });

    // Copy B cannot take it while A's lease holds, and can once it has run out.
    expect(await deliver(notice.key, sender, { owner: 'copy-b' })).toBe('busy');
    const clockB = shiftedClock(() => LEASE_MS + 1_000);
    expect(await deliver(notice.key, sender, { owner: 'copy-b', clock: clockB })).toBe('sent');

    const counts = receipts(tag);
    expect(counts.size).toBe(2_500);
    expect([...counts.values()].every((times) => times === 1)).toBe(true);
    expect(callsFor(tag)).toBe(3);
    // A comes back from its pause: it holds nothing any more, and sends nothing.
    expect(await deliver(notice.key, sender, { owner: 'copy-a', clock: clockA })).toBe('busy');
    expect(callsFor(tag)).toBe(3);
  });

  it('a copy whose lease was taken over while it waited on WeCom records nothing and sends no further batch', async () => {
    const tag = 'taken';
    const notice = noticeTo(tag, 2_100);
    await enqueueNotice(notice);
    let taken = false;
    // A's first WeCom call returns after another copy (clock past A's lease) took the notice over and finished it.
    const slowA: NoticeSender = {
      send: async (sent, recipients) => {
        const result = await sender.send(sent, recipients);
        if (!taken) {
          taken = true;
          expect(await deliver(notice.key, sender, { owner: 'copy-b', clock: shiftedClock(() => 2 * LEASE_MS) })).toBe('sent');
        }
        return result;
      },
    };
    expect(await deliver(notice.key, slowA, { owner: 'copy-a' })).toBe('lease-lost');
    // B resent A's unrecorded first batch (that call outlived A's lease: the one case left to WeCom's duplicate
    // check, which a 5-second WeCom timeout inside a 60-second lease rules out), and A sent nothing after it.
    expect(callsFor(tag)).toBe(4);
    expect(await getOutboxRecord(notice.key)).toMatchObject({ status: 'sent', batchesSent: 3 });
  });
});

describe('sent notices expire and the pending index is spread', () => {
  it('gives a sent notice a TTL 30 days out and takes it off the pending index', async () => {
    const notice = noticeTo('ttl', 3);
    await enqueueNotice(notice);
    const before = Math.floor(Date.now() / 1000);
    expect(await deliver(notice.key, sender)).toBe('sent');
    const record = (await getOutboxRecord(notice.key)) as unknown as Record<string, unknown>;
    expect(record.status).toBe('sent');
    expect(record.ttl).toBeGreaterThanOrEqual(before + SENT_RETENTION_DAYS * 86_400);
    expect(record.ttl).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + SENT_RETENTION_DAYS * 86_400);
    expect(record.gsi1pk).toBeUndefined();
    expect(record.leaseOwner).toBeUndefined();
  });

  it('spreads queued notices over every pending shard, and a poller collects them from all shards', async () => {
    const tag = 'spread';
    const notices = Array.from({ length: 160 }, (_, index) => noticeTo(`${tag}${index}`, 1));
    for (const notice of notices) await enqueueNotice(notice);
    const perShard = new Map<string, number>();
    for (const notice of notices) {
      const { gsi1pk } = (await getOutboxRecord(notice.key)) as unknown as { gsi1pk: string };
      perShard.set(gsi1pk, (perShard.get(gsi1pk) ?? 0) + 1);
    }
    expect([...perShard.keys()].every((partition) => /^OUTBOX#pending#\d+$/.test(partition))).toBe(true);
    expect(perShard.size).toBe(PENDING_SHARDS);
    // No shard takes more than twice its even share (10 of 160).
    expect(Math.max(...perShard.values())).toBeLessThanOrEqual(20);

    await deliverDueNotices(sender, { limit: 1_000 });
    for (const [index] of notices.entries()) expect(callsFor(`${tag}${index}`)).toBe(1);
    for (let shard = 0; shard < PENDING_SHARDS; shard += 1) {
      const { Items } = await db().send(
        new QueryCommand({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': outboxKeys.pendingPartition(shard) } }),
      );
      expect((Items ?? []).filter((item) => String(item.key).startsWith(`test#${tag}`))).toEqual([]);
    }
  });
});

describe('notices queued before the pending index was sharded', () => {
  it('are still delivered from the old single pending partition', async () => {
    const notice = noticeTo('legacy', 2);
    const put = outboxPut(notice);
    // As the earlier version wrote it: on gsi1 OUTBOX#pending, without a shard.
    await db().send(new PutCommand({ ...put, Item: { ...put.Item, gsi1pk: outboxKeys.legacyPendingPartition() } }));
    await deliverDueNotices(sender, { limit: 1_000 });
    expect(callsFor('legacy')).toBe(1);
    expect((await getOutboxRecord(notice.key))?.status).toBe('sent');
  });
});

describe('admins re-drive failed notices', () => {
  const tokenOf = async (userId: string) => (await issueSession(demoMembers().find((member) => member.userId === userId)!)).token;

  async function failedNotice(tag: string): Promise<Notice> {
    const notice = noticeTo(tag, 2);
    await enqueueNotice(notice);
    wecom.failAlways(true);
    try {
      expect(await deliver(notice.key, sender)).toBe('pending');
      // The second attempt (OUTBOX_MAX_ATTEMPTS = 2) is due after the backoff; the clock says it is.
      expect(await deliver(notice.key, sender, { clock: shiftedClock(() => 10 * 60_000) })).toBe('failed');
    } finally {
      wecom.failAlways(false);
    }
    return notice;
  }

  it('lists a failed notice with its reason and sends it again on 重新发送, once', async () => {
    const notice = await failedNotice('redrive');
    const admin = await tokenOf('demo-admin');
    const listed = await call(httpHandler, 'GET', '/api/v1/notices/failed', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.notices).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: notice.key, recipients: 2, attempts: 2, title: '学习提醒通知', lastError: expect.stringContaining('企业微信消息发送失败') })]),
    );
    expect(callsFor('redrive')).toBe(0);

    const redriven = await call(httpHandler, 'POST', '/api/v1/notices/redrive', { token: admin, body: { key: notice.key } });
    expect(redriven).toMatchObject({ status: 200, body: { key: notice.key, outcome: 'sent' } });
    expect(callsFor('redrive')).toBe(1);
    expect(await getOutboxRecord(notice.key)).toMatchObject({ status: 'sent', redrivenBy: 'demo-admin' });
    const after = await call(httpHandler, 'GET', '/api/v1/notices/failed', { token: admin });
    expect(after.body.notices.map((listedNotice: { key: string }) => listedNotice.key)).not.toContain(notice.key);

    // A second click (another admin, a double tap) finds it no longer failed and sends nothing.
    const again = await call(httpHandler, 'POST', '/api/v1/notices/redrive', { token: admin, body: { key: notice.key } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'NOTICE_NOT_FAILED' } } });
    expect(callsFor('redrive')).toBe(1);
  });

  it('refuses members who are not admins, malformed keys and unknown keys', async () => {
    const notice = await failedNotice('refused');
    const member = await tokenOf('demo-ranger');
    expect((await call(httpHandler, 'GET', '/api/v1/notices/failed', { token: member })).status).toBe(403);
    expect((await call(httpHandler, 'POST', '/api/v1/notices/redrive', { token: member, body: { key: notice.key } })).status).toBe(403);
    expect((await call(httpHandler, 'POST', '/api/v1/notices/redrive', { body: { key: notice.key } })).status).toBe(401);
    const admin = await tokenOf('demo-admin');
    for (const body of [{ key: 'has space' }, { key: '' }, { key: 'x'.repeat(201) }, { key: notice.key, extra: 1 }, {}]) {
      const refused = await call(httpHandler, 'POST', '/api/v1/notices/redrive', { token: admin, body });
      expect([JSON.stringify(body).slice(0, 40), refused.status, refused.body.error.code]).toEqual([JSON.stringify(body).slice(0, 40), 400, 'VALIDATION_FAILED']);
    }
    const unknown = await call(httpHandler, 'POST', '/api/v1/notices/redrive', { token: admin, body: { key: 'test#no-such-notice' } });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOTICE_NOT_FOUND', message: '没有找到这条消息' } } });
    expect(callsFor('refused')).toBe(0);
    expect((await getOutboxRecord(notice.key))?.status).toBe('failed');
  });
});
