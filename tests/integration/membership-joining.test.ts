import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resetConfigForTests } from '../../shared/runtime/config';
import { db, tableName } from '../../shared/runtime/db';
import { getOutboxRecord } from '../../shared/runtime/outbound';
import { remindDeadlines } from '../../functions/membership/reminders';
import { membershipKeys } from '../../functions/membership/keys';
import { startFakeWecomMessages, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { useSeededTable } from '../support/table';
import { HOME, OTHER, api, applicant, daysAgo, idNumber, memberRecord, secretaryOf, tokenOf } from './membership-fixtures';

jest.setTimeout(120_000);
useSeededTable();

const CORP = 'ww-forest-group';
const SECRET = 'wecom-secret';
let wecom: FakeWecomMessages;

beforeAll(async () => {
  wecom = await startFakeWecomMessages(CORP, SECRET);
  Object.assign(process.env, { WECOM_BASE_URL: wecom.baseUrl, WECOM_CORP_ID: CORP, WECOM_APP_SECRET: SECRET });
  resetConfigForTests();
});
afterAll(() => wecom.close());
afterEach(() => expect(wecom.violations).toEqual([]));

describe('a person’s record: creating it, and privacy of the ID number', () => {
  it('creates an applicant’s record once, showing the ID number masked, never stored in the clear', async () => {
    const secretary = await tokenOf('demo-secretary');
    const body = applicant({ idNumber: idNumber('23272119960415003') });
    const created = await api('POST', '/people', { token: secretary, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '孙兴安', branchId: HOME, stage: 'applicant', nextSteps: ['talk'], canManage: true });
    expect(created.body.idNumberMasked).toBe(`232***********${body.idNumber.slice(-4)}`);
    expect(created.body.deadlines).toEqual([expect.objectContaining({ kind: 'talk', rule: 'TALK_LATE' })]);

    const again = await api('POST', '/people', { token: secretary, body });
    expect(again.status).toBe(200);
    expect(again.body.personId).toBe(created.body.personId);

    const list = await api('GET', '/people', { token: secretary });
    expect(list.body.items.map((item: { personId: string }) => item.personId)).toContain(created.body.personId);
    expect(JSON.stringify(list.body)).not.toContain(body.idNumber);
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: membershipKeys.record(created.body.personId) }));
    expect(JSON.stringify(Item)).not.toContain(body.idNumber);
    expect(JSON.stringify(Item)).not.toContain(body.idNumber.slice(6, 14));
  });

  it('shows the whole number only to the branch secretary or an admin, auditing every read', async () => {
    const secretary = await tokenOf('demo-secretary');
    const body = applicant({ idNumber: idNumber('23272119970521004') });
    const { personId } = (await api('POST', '/people', { token: secretary, body })).body;

    const read = await api('POST', `/people/${personId}/id-number`, { token: secretary, body: { purpose: '开具介绍信' } });
    expect(read.status).toBe(200);
    expect(read.body.idNumber).toBe(body.idNumber);
    expect((await api('POST', `/people/${personId}/id-number`, { token: await tokenOf('demo-ranger'), body: { purpose: '看看' } })).status).toBe(403);
    const elsewhere = await api('POST', `/people/${personId}/id-number`, { token: await tokenOf(secretaryOf(OTHER)), body: { purpose: '看看' } });
    expect(elsewhere).toMatchObject({ status: 403, body: { error: { code: 'PERSON_NOT_MANAGED' } } });

    const audit = await api('GET', `/people/${personId}/id-reads`, { token: await tokenOf('demo-admin') });
    expect(audit.body.items).toEqual([expect.objectContaining({ personId, readerId: 'demo-secretary', purpose: '开具介绍信' })]);
    expect((await api('GET', `/people/${personId}/id-reads`, { token: secretary })).status).toBe(403);
  });

  it('refuses bad input with a stable code and no record', async () => {
    const secretary = await tokenOf('demo-secretary');
    const badCheck = applicant({ idNumber: '232721199503120010' });
    expect(await api('POST', '/people', { token: secretary, body: badCheck })).toMatchObject({ status: 400, body: { error: { code: 'ID_NUMBER_INVALID' } } });
    const both = { ...applicant(), standing: { stage: 'full' as const, since: '2010-07-01' } };
    expect(await api('POST', '/people', { token: secretary, body: both })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const future = applicant({ application: { date: '2999-01-01', basis: '申请书' } });
    expect(await api('POST', '/people', { token: secretary, body: future })).toMatchObject({ status: 409, body: { error: { code: 'STEP_REFUSED' } } });
    expect((await api('POST', '/people', { token: await tokenOf('demo-ranger'), body: applicant() })).status).toBe(403);
    const otherBranch = applicant({ branchId: OTHER });
    expect(await api('POST', '/people', { token: secretary, body: otherBranch })).toMatchObject({ status: 403, body: { error: { code: 'PERSON_NOT_MANAGED' } } });
  });

  it('lets a member read their own record and nobody else’s', async () => {
    const secretary = await tokenOf('demo-secretary');
    expect((await api('POST', '/people', { token: secretary, body: memberRecord('m0018') })).status).toBe(201);
    const mine = await api('GET', '/me', { token: await tokenOf('m0018') });
    expect(mine.body.record).toMatchObject({ personId: 'm0018', stage: 'full', canManage: false });
    expect((await api('GET', '/me', { token: await tokenOf('m0019') })).body).toEqual({});
    expect(await api('GET', '/people/m0018', { token: await tokenOf('m0019') })).toMatchObject({ status: 404, body: { error: { code: 'PERSON_NOT_FOUND' } } });
    expect(await api('POST', '/people', { token: secretary, body: memberRecord('m0018') })).toMatchObject({ status: 409, body: { error: { code: 'PERSON_EXISTS' } } });
  });
});

describe('joining steps through the API', () => {
  it('records steps in order, flags a late one with its rule, and refuses one out of order or out of branch', async () => {
    const secretary = await tokenOf('demo-secretary');
    const { personId } = (await api('POST', '/people', { token: secretary, body: applicant({ application: { date: daysAgo(70), basis: '入党申请书' } }) })).body;

    const late = await api('POST', `/people/${personId}/steps`, { token: secretary, body: { kind: 'talk', date: daysAgo(20), basis: '党小组长谈话记录' } });
    expect(late.status).toBe(200);
    expect(late.body.steps[1]).toMatchObject({ kind: 'talk', recordedBy: { userId: 'demo-secretary' }, flags: [expect.objectContaining({ rule: 'TALK_LATE' })] });
    expect(late.body.flagged).toBe(true);

    const skip = await api('POST', `/people/${personId}/steps`, { token: secretary, body: { kind: 'candidate', date: daysAgo(1), basis: '支委会' } });
    expect(skip).toMatchObject({ status: 409, body: { error: { code: 'STEP_REFUSED', details: [expect.objectContaining({ path: 'rule.ORDER' })] } } });

    const activist = await api('POST', `/people/${personId}/steps`, { token: secretary, body: { kind: 'activist', date: daysAgo(10), basis: '支部委员会会议纪要' } });
    expect(activist.body).toMatchObject({ stage: 'activist', nextSteps: ['activist-review', 'candidate'] });

    const outsider = await api('POST', `/people/${personId}/steps`, { token: await tokenOf(secretaryOf(OTHER)), body: { kind: 'activist-review', date: daysAgo(1), basis: '考察' } });
    expect(outsider).toMatchObject({ status: 403, body: { error: { code: 'PERSON_NOT_MANAGED' } } });
    expect((await api('POST', `/people/${personId}/steps`, { token: await tokenOf('demo-ranger'), body: { kind: 'activist-review', date: daysAgo(1), basis: '考察' } })).status).toBe(403);
    expect((await api('POST', `/people/${personId}/steps`, { token: secretary, body: { kind: 'fly', date: daysAgo(1), basis: 'x' } })).status).toBe(400);
    expect((await api('GET', `/people/${personId}`, { token: secretary })).body.steps).toHaveLength(3);
  });
});

describe('reminders before a limit passes', () => {
  it('tells the branch secretaries once, through the outbox, of a talk due within the window', async () => {
    const secretary = await tokenOf('demo-secretary');
    // Applied 27 days ago: the talk is due within a month, inside the 7-day reminder window.
    const { personId } = (await api('POST', '/people', { token: secretary, body: applicant({ name: '提醒测试', application: { date: daysAgo(27), basis: '入党申请书' } }) })).body;
    const detail = (await api('GET', `/people/${personId}`, { token: secretary })).body;
    const due = detail.deadlines[0].due as string;

    const first = await remindDeadlines();
    expect(first.sent.sent).toBeGreaterThanOrEqual(1);
    const record = await getOutboxRecord(`membership-deadline#${personId}#talk#${due}`);
    expect(record).toMatchObject({ status: 'sent', notice: { toUsers: ['demo-secretary'], title: '发展党员时限提醒' } });
    const delivered = wecom.delivered.filter((notice) => notice.contentItems.some((item) => item.value === '提醒测试'));
    expect(delivered).toHaveLength(1);

    await remindDeadlines();
    expect(wecom.delivered.filter((notice) => notice.contentItems.some((item) => item.value === '提醒测试'))).toHaveLength(1);

    // Once the talk is recorded the limit stops running and nothing more is sent for it.
    await api('POST', `/people/${personId}/steps`, { token: secretary, body: { kind: 'talk', date: daysAgo(0), basis: '谈话记录' } });
    expect((await api('GET', `/people/${personId}`, { token: secretary })).body.deadlines).toEqual([]);
  });
});
