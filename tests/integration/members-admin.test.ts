import { handler } from '../../functions/identity/handler';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

useSeededTable();

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const account of DEMO_ACCOUNTS) tokens[account.userId] = (await issueSession(account)).token;
});

interface MemberView {
  userId: string;
  branchId: string;
  name: string;
  roles: string[];
}

async function allMembers(token: string, query: Record<string, string> = {}): Promise<MemberView[]> {
  const members: MemberView[] = [];
  let cursor: string | undefined;
  do {
    const reply = await call(handler, 'GET', '/api/v1/members', { token, query: { ...query, limit: '25', ...(cursor ? { cursor } : {}) } });
    expect(reply.status).toBe(200);
    members.push(...reply.body.items);
    cursor = reply.body.nextCursor;
  } while (cursor);
  return members;
}

describe('member administration', () => {
  it('lets an admin page through the whole roster of at least 60 members across the branches', async () => {
    const members = await allMembers(tokens['demo-admin']!);
    expect(members.length).toBeGreaterThanOrEqual(60);
    expect(new Set(members.map((m) => m.branchId)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(members.map((m) => m.userId)).size).toBe(members.length);
  });

  it('shows a secretary only their own branch, and refuses another branch outright', async () => {
    const members = await allMembers(tokens['demo-secretary']!);
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((m) => m.branchId === 'songling-zhuangzhi')).toBe(true);
    const other = await call(handler, 'GET', '/api/v1/members', { token: tokens['demo-secretary'], query: { branchId: 'xinlin-office' } });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('支部书记只能查看本支部的党员');
  });

  it('refuses the roster to an ordinary member', async () => {
    const reply = await call(handler, 'GET', '/api/v1/members', { token: tokens['demo-ranger'] });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('FORBIDDEN');
  });

  it('lets a secretary correct post tags in their branch but not roles, transfers or other branches', async () => {
    const secretary = tokens['demo-secretary']!;
    const own = (await allMembers(secretary)).find((m) => m.userId !== 'demo-secretary')!;
    const ok = await call(handler, 'PATCH', `/api/v1/members/${own.userId}`, { token: secretary, body: { postTags: ['护林', '扑火'] } });
    expect(ok.status).toBe(200);
    expect(ok.body.member.postTags).toEqual(['护林', '扑火']);

    const roles = await call(handler, 'PATCH', `/api/v1/members/${own.userId}`, { token: secretary, body: { roles: ['member', 'admin'] } });
    expect(roles.status).toBe(403);
    const transfer = await call(handler, 'PATCH', `/api/v1/members/${own.userId}`, { token: secretary, body: { branchId: 'xinlin-office' } });
    expect(transfer.status).toBe(403);
    const foreign = await call(handler, 'PATCH', '/api/v1/members/demo-office', { token: secretary, body: { postTags: ['x'] } });
    expect(foreign.status).toBe(403);
  });

  it('lets an admin transfer a member and grant a role, and refuses an unknown branch or member', async () => {
    const admin = tokens['demo-admin']!;
    const moved = await call(handler, 'PATCH', '/api/v1/members/m0002', { token: admin, body: { branchId: 'xinlin-cuigang', roles: ['member', 'reviewer'] } });
    expect(moved.status).toBe(200);
    const branch = await allMembers(admin, { branchId: 'xinlin-cuigang' });
    expect(branch.find((m) => m.userId === 'm0002')?.roles).toEqual(['member', 'reviewer']);

    const unknownBranch = await call(handler, 'PATCH', '/api/v1/members/m0002', { token: admin, body: { branchId: 'no-such-branch' } });
    expect(unknownBranch.status).toBe(400);
    expect(unknownBranch.body.error.details[0].message).toBe('该支部不存在');
    expect((await call(handler, 'PATCH', '/api/v1/members/ghost', { token: admin, body: { name: '无名' } })).status).toBe(404);
  });

  it('refuses an admin removing their own admin role, so the platform never loses its last admin by accident', async () => {
    const reply = await call(handler, 'PATCH', '/api/v1/members/demo-admin', { token: tokens['demo-admin'], body: { roles: ['member'] } });
    expect(reply.status).toBe(409);
  });

  it('answers a garbled paging cursor with 400, not 500', async () => {
    const reply = await call(handler, 'GET', '/api/v1/members', { token: tokens['demo-admin'], query: { cursor: 'not-a-cursor' } });
    expect(reply.status).toBe(400);
  });
});

describe('roster import', () => {
  const upload = (csv: string, token = tokens['demo-admin']!, contentType = 'text/csv') =>
    call(handler, 'POST', '/api/v1/members/import', { token, rawBody: csv, headers: { 'content-type': contentType } });

  it('imports new members and updates existing ones, keeping roles when the cell is empty', async () => {
    const csv = '账号,姓名,支部编号,类别,岗位标签,角色\nnew-r1,孙松涛,songling-fire,护林员,扑火,\nnew-o1,钱雪梅,xinlin-office,机关,财务,党员;党费管理员\ndemo-finance,陈财务,songling-office,机关,财务,\n';
    const reply = await upload(csv);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ imported: 3, created: 2, updated: 1 });
    const fire = await allMembers(tokens['demo-admin']!, { branchId: 'songling-fire' });
    expect(fire.find((m) => m.userId === 'new-r1')?.roles).toEqual(['member']);
    const office = await allMembers(tokens['demo-admin']!, { branchId: 'songling-office' });
    expect(office.find((m) => m.userId === 'demo-finance')?.roles).toEqual(['member', 'finance']);
  });

  it('imports nothing when one row is bad, and says which row and why', async () => {
    const csv = 'userId,name,branchId,category\nhalf-1,周立新,songling-fire,ranger\nhalf-2,吴国庆,atlantis,ranger\n';
    const reply = await upload(csv);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('CSV_INVALID');
    expect(reply.body.error.details).toEqual([{ row: 3, message: '第 3 行：支部编号 atlantis 不存在' }]);
    const fire = await allMembers(tokens['demo-admin']!, { branchId: 'songling-fire' });
    expect(fire.some((m) => m.userId === 'half-1')).toBe(false);
  });

  it('is for admins only and only takes CSV', async () => {
    expect((await upload('userId,name,branchId,category\n', tokens['demo-secretary'])).status).toBe(403);
    expect((await upload('{}', tokens['demo-admin'], 'application/json')).status).toBe(415);
  });
});
