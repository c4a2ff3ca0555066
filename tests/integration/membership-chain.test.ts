import type { Context } from 'aws-lambda';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../functions/membership/handler';
import { membershipKeys } from '../../functions/membership/keys';
import { appendWith, recordChains } from '../../functions/membership/record-chain';
import { getRecord, replaceRecordAction } from '../../functions/membership/store';
import { branchBills } from '../../functions/dues/store';
import { memberProfile } from '../../shared/runtime/member-directory';
import { db, tableName } from '../../shared/runtime/db';
import { seqKey, verifyInclusion } from '../../shared/runtime/hash-chain';
import { useSeededTable } from '../support/table';
import { HOME, OTHER, api, applicant, daysAgo, memberRecord, secretaryOf, studyRecords, today, tokenOf, transferRequest } from './membership-fixtures';

jest.setTimeout(120_000);
useSeededTable();

const runJob = (job: string) => (handler as (event: unknown, context: Context) => Promise<unknown>)({ job }, {} as Context);
const entryKey = (personId: string, seq: number) => ({ pk: membershipKeys.chainPartition(personId), sk: seqKey(seq) });
const events = (history: { entries: Array<{ entry: { event: string } }> }) => history.entries.map((row) => row.entry.event);

describe('the record chain follows a transfer', () => {
  it('moves the member with their dues bills and study records, and their chain verifies with the letter and the receipt in it', async () => {
    const member = 'demo-ranger';
    const [sending, receiving, own] = [await tokenOf('demo-secretary'), await tokenOf(secretaryOf(OTHER)), await tokenOf(member)];
    const year = Number(today().slice(0, 4));
    const billsBefore = (await branchBills(HOME, year)).filter((bill) => bill.userId === member);
    const studyBefore = await studyRecords(member);
    expect(billsBefore.length).toBeGreaterThan(0);
    expect(studyBefore.length).toBeGreaterThan(0);
    // The demo seed made the ranger's record through the same path: the chain starts with it.
    const before = await api('GET', '/me/history', { token: own });
    expect(before).toMatchObject({ status: 200, body: { personId: member, ok: true } });
    expect(events(before.body)).toEqual(['record-created']);

    const asking = transferRequest(member, { toBranchId: OTHER });
    const { id } = (await api('POST', '/transfers', { token: own, body: asking })).body;
    // The same request again (a weak network) and a second transfer while this one is open add nothing to the chain.
    expect((await api('POST', '/transfers', { token: own, body: asking })).status).toBe(200);
    expect(await api('POST', '/transfers', { token: own, body: transferRequest(member, { toBranchId: 'xinlin-office' }) })).toMatchObject({ status: 409, body: { error: { code: 'TRANSFER_IN_PROGRESS' } } });
    expect(events((await api('GET', '/me/history', { token: own })).body)).toEqual(['record-created', 'transfer-requested']);
    const issued = await api('POST', `/transfers/${id}/issue`, { token: sending, body: { contact: '张书记 13800000000' } });
    expect(issued.status).toBe(200);
    expect((await api('POST', `/transfers/${id}/accept`, { token: receiving })).status).toBe(200);

    expect((await memberProfile(member))!.branchId).toBe(OTHER);
    expect((await branchBills(OTHER, year)).filter((bill) => bill.userId === member).map((bill) => bill.month).sort()).toEqual(billsBefore.map((bill) => bill.month).sort());
    expect((await studyRecords(member)).map((record) => record.branchId)).toEqual(studyBefore.map(() => OTHER));

    const after = await api('GET', '/me/history', { token: own });
    expect(after.body).toMatchObject({ ok: true, count: 4 });
    expect(after.body.firstBroken).toBeUndefined();
    expect(events(after.body)).toEqual(['record-created', 'transfer-requested', 'transfer-issued', 'transfer-accepted']);
    expect(after.body.entries.every((row: { contentOk: boolean; linkOk: boolean }) => row.contentOk && row.linkOk)).toBe(true);
    expect(after.body.entries[1].entry).toMatchObject({ by: { userId: member }, transfer: { id, reason: '工作调动', toBranchId: OTHER } });
    expect(after.body.entries[2].entry).toMatchObject({ transfer: { id, fromBranchId: HOME, toBranchId: OTHER, toName: '翠岗林场党支部', letterNumber: issued.body.letter.number }, by: { userId: 'demo-secretary' } });
    expect(after.body.entries[3].entry).toMatchObject({ event: 'transfer-accepted', transfer: { receivedBy: '翠岗林场党支部', receivedOn: today() } });
    // No ID number in the chain, whole or masked.
    const whole = (await api('POST', `/people/${member}/id-number`, { token: receiving, body: { purpose: '核对档案链' } })).body.idNumber as string;
    expect(whole).toMatch(/^\d{17}[\dX]$/);
    for (const text of [whole, (await getRecord(member))!.idNumberMasked, 'idNumber']) expect(JSON.stringify(after.body)).not.toContain(text);

    // The receiving branch's secretary may verify it now; the sending one no longer holds the record.
    expect((await api('GET', `/people/${member}/history`, { token: receiving })).body).toMatchObject({ ok: true, count: 4 });
    expect((await api('GET', `/people/${member}/history`, { token: sending })).status).toBe(404);
  });

  it('chains an outside transfer up to the receipt the sending secretary records, and a returned letter', async () => {
    const sending = await tokenOf('demo-secretary');
    expect((await api('POST', '/people', { token: sending, body: memberRecord('m0017') })).status).toBe(201);
    const { id } = (await api('POST', '/transfers', { token: sending, body: transferRequest('m0017', { toOrganisation: '呼伦贝尔市林业和草原局机关党委' }) })).body;
    await api('POST', `/transfers/${id}/issue`, { token: sending, body: { contact: '组织部 0457-0000000' } });
    await api('POST', `/transfers/${id}/receipt`, { token: sending, body: { receivedBy: '呼伦贝尔市林业和草原局机关党委', receivedOn: today() } });

    const returnedTo = 'xinlin-office';
    const second = (await api('POST', '/transfers', { token: sending, body: transferRequest('m0017', { toBranchId: returnedTo }) })).body;
    await api('POST', `/transfers/${second.id}/issue`, { token: sending, body: { contact: '组织部 0457-0000000' } });
    await api('POST', `/transfers/${second.id}/return`, { token: await tokenOf(secretaryOf(returnedTo)), body: { reason: '介绍信去向填写有误' } });

    const history = (await api('GET', '/me/history', { token: await tokenOf('m0017') })).body;
    expect(history.ok).toBe(true);
    expect(events(history)).toEqual(['record-created', 'transfer-requested', 'transfer-issued', 'transfer-receipt', 'transfer-requested', 'transfer-issued', 'transfer-returned']);
    expect(history.entries[0].entry).toMatchObject({ standing: { stage: 'full', since: '2010-07-01' } });
    expect(history.entries[3].entry.transfer).toMatchObject({ receivedBy: '呼伦贝尔市林业和草原局机关党委', receivedOn: today() });
    expect(history.entries[6].entry.transfer).toMatchObject({ returnReason: '介绍信去向填写有误' });
  });
});

describe('verifying a record chain', () => {
  it('detects a stored step rewritten in the table and names it, and the signed checkpoint catches a rewritten chain', async () => {
    const secretary = await tokenOf('demo-secretary');
    const created = await api('POST', '/people', { token: secretary, body: applicant({ name: '赵青山', application: { date: daysAgo(40), basis: '本人递交的入党申请书' } }) });
    const personId = created.body.personId as string;
    expect((await api('POST', `/people/${personId}/steps`, { token: secretary, body: { kind: 'talk', date: daysAgo(20), basis: '支部委员李明谈话' } })).status).toBe(200);
    const clean = (await api('GET', `/people/${personId}/history`, { token: secretary })).body;
    expect(clean).toMatchObject({ ok: true, count: 2 });
    expect(clean.entries[1].entry).toMatchObject({ event: 'step', step: { kind: 'talk', basis: '支部委员李明谈话' } });

    // The nightly checkpoint commits to this chain's head; the proof leads to its signed root.
    expect(await runJob('recordCheckpoint')).toMatchObject({ ok: true, published: true });
    // Run again with no head moved: nothing to recompute, and the day's checkpoint stands.
    expect(await runJob('recordCheckpoint')).toMatchObject({ ok: true, published: false, verified: 0 });
    const proven = (await api('GET', `/people/${personId}/history`, { token: secretary })).body;
    expect(proven.ok).toBe(true);
    expect(proven.checkpoint).toMatchObject({ day: today(), signatureOk: true, included: true, head: { chain: personId, seq: 2, hash: clean.headHash } });
    expect(verifyInclusion(proven.checkpoint.head, proven.checkpoint.proof, proven.checkpoint.root)).toBe(true);

    // Someone with table access rewrites the talk's basis: the entry no longer matches its hash.
    const { Item: original } = await db().send(new GetCommand({ TableName: tableName(), Key: entryKey(personId, 2) }));
    await db().send(new UpdateCommand({ TableName: tableName(), Key: entryKey(personId, 2), UpdateExpression: 'SET step.basis = :basis', ExpressionAttributeValues: { ':basis': '未谈话' } }));
    const tampered = (await api('GET', `/people/${personId}/history`, { token: secretary })).body;
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBroken).toMatchObject({ seq: 2, reason: 'hash' });
    expect(tampered.firstBroken.message).toBe('档案链第 2 条记录的内容与其哈希不符，记录已被改动');
    expect(tampered.entries.map((row: { contentOk: boolean }) => row.contentOk)).toEqual([true, false]);

    // Rehashing the rewritten entry (and its head) passes the chain's own checks, but not the signed checkpoint.
    const { contentOf, entryHash } = await import('../../shared/runtime/hash-chain');
    const rewritten = { ...original!, step: { ...(original!.step as object), basis: '未谈话' } };
    const { hash: _old, ...content } = contentOf(rewritten);
    const hash = entryHash(content);
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...rewritten, hash } }));
    await db().send(new UpdateCommand({ TableName: tableName(), Key: { pk: membershipKeys.chainPartition(personId), sk: 'HEAD' }, UpdateExpression: 'SET #hash = :hash', ExpressionAttributeNames: { '#hash': 'hash' }, ExpressionAttributeValues: { ':hash': hash } }));
    const rewrittenHistory = (await api('GET', `/people/${personId}/history`, { token: secretary })).body;
    expect(rewrittenHistory.ok).toBe(false);
    expect(rewrittenHistory.firstBroken).toMatchObject({ seq: 2, reason: 'checkpoint' });
    expect(rewrittenHistory.firstBroken.message).toContain(`与 ${today()} 公布的校验点不符`);
    // And the next night's job reports it instead of signing over it.
    expect(await runJob('recordCheckpoint')).toMatchObject({ ok: false, published: false });

    await db().send(new PutCommand({ TableName: tableName(), Item: original! }));
    await db().send(new UpdateCommand({ TableName: tableName(), Key: { pk: membershipKeys.chainPartition(personId), sk: 'HEAD' }, UpdateExpression: 'SET #hash = :hash', ExpressionAttributeNames: { '#hash': 'hash' }, ExpressionAttributeValues: { ':hash': original!.hash } }));
    expect((await api('GET', `/people/${personId}/history`, { token: secretary })).body.ok).toBe(true);
  });

  it('writes no chain entry for a step whose record write loses its condition, nor for a transfer step that cannot land', async () => {
    const secretary = await tokenOf('demo-secretary');
    const personId = (await api('POST', '/people', { token: secretary, body: applicant({ name: '钱松涛', application: { date: daysAgo(30), basis: '本人递交的入党申请书' } }) })).body.personId as string;
    const stale = (await getRecord(personId))!;
    expect((await api('POST', `/people/${personId}/steps`, { token: secretary, body: { kind: 'talk', date: daysAgo(10), basis: '支部书记谈话' } })).status).toBe(200);
    const headBefore = await recordChains.readHead(personId);

    // A writer holding the record as it was before that step: its conditional write fails, and so does its entry.
    const staleNext = { ...stale, name: '钱松涛（改）', version: stale.version + 1 };
    const draft = { personId, event: 'step' as const, at: new Date().toISOString(), by: { userId: 'demo-secretary', name: '张书记' }, branchId: stale.branchId };
    expect(await appendWith(personId, draft, [replaceRecordAction(staleNext, stale.version, undefined)])).toBe(false);
    expect(await recordChains.readHead(personId)).toEqual(headBefore);
    expect((await getRecord(personId))!.name).toBe('钱松涛');

    // A transfer whose member's record changed branch meanwhile: the acceptance is refused, with no entry.
    const member = 'm0018';
    expect((await api('POST', '/people', { token: secretary, body: memberRecord(member) })).status).toBe(201);
    const { id } = (await api('POST', '/transfers', { token: secretary, body: transferRequest(member, { toBranchId: OTHER }) })).body;
    await api('POST', `/transfers/${id}/issue`, { token: secretary, body: { contact: '张书记 13800000000' } });
    const issuedHead = await recordChains.readHead(member);
    await db().send(new UpdateCommand({ TableName: tableName(), Key: membershipKeys.record(member), UpdateExpression: 'SET branchId = :elsewhere', ExpressionAttributeValues: { ':elsewhere': 'xinlin-office' } }));
    expect(await api('POST', `/transfers/${id}/accept`, { token: await tokenOf(secretaryOf(OTHER)) })).toMatchObject({ status: 409, body: { error: { code: 'TRANSFER_STATE' } } });
    expect(await recordChains.readHead(member)).toEqual(issuedHead);
    expect((await api('GET', `/transfers/${id}`, { token: secretary })).body.status).toBe('issued');
  });

  it('lets the member, their branch secretary and admins verify, and nobody else', async () => {
    const secretary = await tokenOf('demo-secretary');
    const member = 'm0019';
    expect((await api('POST', '/people', { token: secretary, body: memberRecord(member) })).status).toBe(201);
    expect((await api('GET', '/me/history', { token: await tokenOf(member) })).body).toMatchObject({ personId: member, ok: true, count: 1 });
    expect((await api('GET', `/people/${member}/history`, { token: await tokenOf(member) })).status).toBe(200);
    expect((await api('GET', `/people/${member}/history`, { token: secretary })).status).toBe(200);
    expect((await api('GET', `/people/${member}/history`, { token: await tokenOf('demo-admin') })).status).toBe(200);
    expect(await api('GET', `/people/${member}/history`, { token: await tokenOf(secretaryOf(OTHER)) })).toMatchObject({ status: 404, body: { error: { code: 'PERSON_NOT_FOUND' } } });
    expect((await api('GET', `/people/${member}/history`, { token: await tokenOf('m0020') })).status).toBe(404);
    expect((await api('GET', `/people/${member}/history`, {})).status).toBe(401);
    // A member without a record has an empty chain that verifies.
    expect((await api('GET', '/me/history', { token: await tokenOf('m0021') })).body).toMatchObject({ ok: true, count: 0, entries: [] });
  });

  it('refuses a malformed person id with a 4xx', async () => {
    const response = await api('GET', `/people/${encodeURIComponent('a b#c')}/history`, { token: await tokenOf('demo-secretary') });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });
});
