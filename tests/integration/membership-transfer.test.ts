import { randomUUID } from 'node:crypto';
import { memberProfile } from '../../shared/runtime/member-directory';
import { verifyCardOffline } from '../../shared/membership-card/card-token';
import { LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY } from '../../shared/membership-card/public-keys';
import { branchBills, unpaidBills } from '../../functions/dues/store';
import { addDays } from '../../functions/membership/joining/calendar';
import { pdfPages } from '../support/pdf-text';
import { useSeededTable } from '../support/table';
import { HOME, OTHER, api, demo, idNumber, memberRecord, secretaryOf, studyRecords, today, tokenOf, transferRequest } from './membership-fixtures';

jest.setTimeout(120_000);
useSeededTable();

const month = (offset: number) => {
  const [year, m] = today().slice(0, 7).split('-').map(Number) as [number, number];
  const index = year * 12 + m - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

describe('organisation transfer inside the group', () => {
  it('moves the member with their dues bills, study records and card once the receiving branch accepts', async () => {
    const member = 'demo-ranger';
    const [sending, receiving, own] = [await tokenOf('demo-secretary'), await tokenOf(secretaryOf(OTHER)), await tokenOf(member)];
    // The demo seed recorded the demo ranger as a full member (鄂伦春族).
    const year = Number(today().slice(0, 4));
    const billsBefore = (await branchBills(HOME, year)).filter((bill) => bill.userId === member);
    const studyBefore = await studyRecords(member);
    expect(billsBefore.length).toBeGreaterThan(0);
    expect(studyBefore.length).toBeGreaterThan(0);
    const oldCard = (await api('POST', '/card', { token: own })).body;
    expect(oldCard.statement).toMatchObject({ branchId: HOME, branchName: '壮志林场党支部', standing: '正式党员' });

    // The member asks; a second request while one is in progress is refused.
    const asked = await api('POST', '/transfers', { token: own, body: transferRequest(member, { toBranchId: OTHER }) });
    expect(asked).toMatchObject({ status: 201, body: { status: 'requested', kind: 'inside', fromBranchId: HOME, toBranchId: OTHER, toName: '翠岗林场党支部' } });
    const id = asked.body.id as string;
    expect(await api('POST', '/transfers', { token: own, body: transferRequest(member, { toBranchId: 'xinlin-office' }) })).toMatchObject({ status: 409, body: { error: { code: 'TRANSFER_IN_PROGRESS' } } });

    // Only the sending branch issues the letter; the receiving one cannot accept before it is issued.
    expect((await api('POST', `/transfers/${id}/issue`, { token: receiving, body: { contact: '王书记 13900000000' } })).status).toBe(403);
    expect(await api('POST', `/transfers/${id}/accept`, { token: receiving })).toMatchObject({ status: 409, body: { error: { code: 'TRANSFER_STATE' } } });
    const issued = await api('POST', `/transfers/${id}/issue`, { token: sending, body: { contact: '张书记 13800000000' } });
    expect(issued.status).toBe(200);
    expect(issued.body.letter).toMatchObject({
      name: '王护林',
      sex: '男',
      ethnicity: '鄂伦春族',
      standing: '正式党员',
      from: '壮志林场党支部',
      to: '翠岗林场党支部',
      // The demo ranger paid the month before last and owes the last two: 党费交至 the month before last.
      duesPaidUpTo: month(-2),
      validityDays: 90,
      validUntil: addDays(today(), 90),
      contact: '张书记 13800000000',
    });
    expect(issued.body.letter.number).toMatch(/^\d{4}-\d{4}$/);
    expect(issued.body.letter.idNumberMasked).toMatch(/^232\*{11}\d{3}[\dX]$/);

    // The sending branch may not accept for the receiving one, nor may the receiving one return without a reason.
    expect((await api('POST', `/transfers/${id}/accept`, { token: sending })).status).toBe(403);
    expect((await api('POST', `/transfers/${id}/return`, { token: receiving, body: { reason: '' } })).status).toBe(400);
    // Until acceptance the sending branch stays responsible: the member is still there.
    expect((await memberProfile(member))!.branchId).toBe(HOME);

    const accepted = await api('POST', `/transfers/${id}/accept`, { token: receiving });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'closed', receipt: { receivedBy: '翠岗林场党支部', receivedOn: today() } } });
    expect(accepted.body.moved).toEqual({ duesBills: billsBefore.length, studyRecords: studyBefore.length });
    expect(await api('POST', `/transfers/${id}/accept`, { token: receiving })).toMatchObject({ status: 409, body: { error: { code: 'TRANSFER_STATE' } } });

    // Everything followed the member, as the other capabilities themselves read it.
    expect((await memberProfile(member))!.branchId).toBe(OTHER);
    expect((await branchBills(OTHER, year)).filter((bill) => bill.userId === member).map((bill) => bill.month).sort()).toEqual(billsBefore.map((bill) => bill.month).sort());
    expect((await branchBills(HOME, year)).filter((bill) => bill.userId === member)).toEqual([]);
    expect((await unpaidBills(OTHER)).some((bill) => bill.userId === member)).toBe(true);
    expect((await unpaidBills(HOME)).some((bill) => bill.userId === member)).toBe(false);
    expect((await studyRecords(member)).map((record) => record.branchId)).toEqual(studyBefore.map(() => OTHER));
    expect((await api('GET', `/people/${member}`, { token: receiving })).body.branchId).toBe(OTHER);
    expect((await api('GET', `/people/${member}`, { token: sending })).status).toBe(404);

    // The next card shows the new branch and verifies offline; the card from before the move fails online.
    const newCard = (await api('POST', '/card', { token: own })).body;
    expect(newCard.statement).toMatchObject({ branchId: OTHER, branchName: '翠岗林场党支部' });
    expect(await verifyCardOffline(newCard.token, [LOCAL_DEV_MEMBER_CARD_PUBLIC_KEY], Date.now())).toMatchObject({ valid: true });
    expect((await api('POST', '/card/verify', { token: receiving, body: { token: newCard.token } })).body).toMatchObject({ valid: true, checkedOnline: true });
    expect((await api('POST', '/card/verify', { token: receiving, body: { token: oldCard.token } })).body).toMatchObject({ valid: false, reason: 'revoked' });

    // Both secretaries and the member see it in their lists; an uninvolved member does not see it at all.
    expect((await api('GET', '/transfers', { token: receiving })).body.items.map((t: { id: string }) => t.id)).toContain(id);
    expect((await api('GET', '/transfers', { token: own })).body.items.map((t: { id: string }) => t.id)).toContain(id);
    expect((await api('GET', `/transfers/${id}`, { token: await tokenOf('demo-office') })).status).toBe(404);
  });

  it('returns a letter only with a reason, and the member may then ask again', async () => {
    const member = 'm0013';
    const memberBranch = demo(member).branchId;
    const [sending, receiving] = [await tokenOf(secretaryOf(memberBranch, 'sec-home')), await tokenOf(secretaryOf('xinlin-office'))];
    await api('POST', '/people', { token: sending, body: memberRecord(member) });
    const { id } = (await api('POST', '/transfers', { token: sending, body: transferRequest(member, { toBranchId: 'xinlin-office' }) })).body;
    await api('POST', `/transfers/${id}/issue`, { token: sending, body: { contact: '联系人 13700000000', validityDays: 30 } });
    const returned = await api('POST', `/transfers/${id}/return`, { token: receiving, body: { reason: '介绍信去向填写有误' } });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '介绍信去向填写有误' });
    expect((await memberProfile(member))!.branchId).toBe(memberBranch);
    expect((await api('POST', '/transfers', { token: sending, body: transferRequest(member, { toBranchId: 'xinlin-office' }) })).status).toBe(201);
  });
});

describe('transfers outside the group and mobile members', () => {
  it('closes an outside transfer with the receipt the sending secretary records', async () => {
    const sending = await tokenOf('demo-secretary');
    expect((await api('POST', '/people', { token: sending, body: memberRecord('m0017') })).status).toBe(201);
    const { id } = (await api('POST', '/transfers', { token: sending, body: transferRequest('m0017', { toOrganisation: '呼伦贝尔市林业和草原局机关党委' }) })).body;
    const issued = await api('POST', `/transfers/${id}/issue`, { token: sending, body: { contact: '组织部 0457-0000000' } });
    expect(issued.body).toMatchObject({ kind: 'outside', status: 'issued', letter: { to: '呼伦贝尔市林业和草原局机关党委' } });
    expect((await api('POST', `/transfers/${id}/accept`, { token: sending })).status).toBe(403);

    // The printable letter, 一式三联: its Chinese text reads back, with the whole ID number, and printing is audited.
    expect((await api('GET', `/transfers/${id}/letter`, { token: await tokenOf('demo-ranger') })).status).toBe(403);
    const printed = await api('GET', `/transfers/${id}/letter`, { token: sending });
    expect(printed.status).toBe(200);
    expect(printed.body.filename).toBe(`党员组织关系介绍信-${issued.body.letter.number}-${demo('m0017').name}.pdf`);
    const pdf = Buffer.from(printed.body.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPages(pdf)).join('\n');
    for (const part of ['中国共产党党员组织关系介绍信（存根）', '中国共产党党员组织关系介绍信回执', '呼伦贝尔市林业和草原局机关党委', demo('m0017').name, '壮志林场党支部', '组织部 0457-0000000', idNumber('23272119800101002')]) {
      expect(text.replace(/\s+/g, '')).toContain(part.replace(/\s+/g, ''));
    }
    const audit = await api('GET', '/people/m0017/id-reads', { token: await tokenOf('demo-admin') });
    expect(audit.body.items).toEqual([expect.objectContaining({ readerId: 'demo-secretary', purpose: `打印介绍信 ${issued.body.letter.number}` })]);

    const closed = await api('POST', `/transfers/${id}/receipt`, { token: sending, body: { receivedBy: '呼伦贝尔市林业和草原局机关党委', receivedOn: today() } });
    expect(closed.body).toMatchObject({ status: 'closed', receipt: { receivedBy: '呼伦贝尔市林业和草原局机关党委', recordedBy: 'demo-secretary' } });
  });

  it('refuses a letter for a member without a record, and a request naming both or neither destination', async () => {
    const sending = await tokenOf('demo-secretary');
    const { id } = (await api('POST', '/transfers', { token: sending, body: transferRequest('m0014', { toBranchId: OTHER }) })).body;
    expect(await api('POST', `/transfers/${id}/issue`, { token: sending, body: { contact: '张书记' } })).toMatchObject({ status: 409, body: { error: { code: 'TRANSFER_STATE' } } });
    expect((await api('POST', '/transfers', { token: sending, body: transferRequest('m0015', {}) })).status).toBe(400);
    expect((await api('POST', '/transfers', { token: sending, body: transferRequest('m0015', { toBranchId: OTHER, toOrganisation: '某党委' }) })).status).toBe(400);
    expect((await api('POST', '/transfers', { token: await tokenOf('demo-office'), body: transferRequest('m0015', { toBranchId: OTHER }) })).status).toBe(404);
  });

  it('registers a mobile member with where they take part, listed for their branch', async () => {
    const own = await tokenOf('m0016');
    const body = { clientRequestId: `mobile-${randomUUID()}`, userId: 'm0016', place: '黑龙江省哈尔滨市', takesPartIn: '哈尔滨市道里区流动党员党支部', from: today(), until: addDays(today(), 120) };
    const first = await api('POST', '/mobile', { token: own, body });
    expect(first).toMatchObject({ status: 201, body: { branchId: HOME, place: '黑龙江省哈尔滨市', takesPartIn: '哈尔滨市道里区流动党员党支部' } });
    expect((await api('POST', '/mobile', { token: own, body })).body.id).toBe(first.body.id);
    const listed = await api('GET', '/mobile', { token: await tokenOf('demo-secretary') });
    expect(listed.body.items.filter((item: { userId: string }) => item.userId === 'm0016')).toHaveLength(1);
    expect((await api('GET', '/mobile', { token: own })).status).toBe(403);
    expect((await api('POST', '/mobile', { token: await tokenOf('demo-office'), body: { ...body, clientRequestId: `mobile-${randomUUID()}` } })).status).toBe(404);
    expect((await api('POST', '/mobile', { token: own, body: { ...body, clientRequestId: `mobile-${randomUUID()}`, until: addDays(today(), -1) } })).status).toBe(400);
  });
});
