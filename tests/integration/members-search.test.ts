import { handler } from '../../functions/identity/handler';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { issueSession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

useSeededTable();

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const account of DEMO_ACCOUNTS) tokens[account.userId] = (await issueSession(account)).token;
});

interface Found {
  userId: string;
  name: string;
  branchId: string;
  roles: string[];
}

const search = (token: string, query: Record<string, string>) => call(handler, 'GET', '/api/v1/members', { token, query });

async function namesFound(token: string, query: Record<string, string>): Promise<string[]> {
  const reply = await search(token, { limit: '200', ...query });
  expect(reply.status).toBe(200);
  return (reply.body.items as Found[]).map((member) => member.name);
}

describe('roster search by name, pinyin and initials', () => {
  it('finds a member by characters, full pinyin, initials and a mix of both, ignoring case and spaces', async () => {
    const secretary = tokens['demo-secretary']!;
    expect(await namesFound(secretary, { q: '护林' })).toEqual(['王护林']);
    expect(await namesFound(secretary, { q: 'wanghulin' })).toEqual(['王护林']);
    expect(await namesFound(secretary, { q: 'WHL' })).toEqual(['王护林']);
    expect(await namesFound(secretary, { q: 'wang hl' })).toEqual(['王护林']);
    expect(await namesFound(secretary, { q: 'hulin' })).toEqual(['王护林']);
    expect(await namesFound(secretary, { q: 'zsj' })).toEqual(['张书记']);
    expect(await namesFound(secretary, { q: 'hlx' })).toEqual([]);
  });

  it('reads a surname with its surname pronunciation (单 is shan, not dan)', async () => {
    const csv = '账号,姓名,支部编号,类别\nshan-xm,单雪梅,songling-zhuangzhi,护林员\n';
    const imported = await call(handler, 'POST', '/api/v1/members/import', {
      token: tokens['demo-admin'],
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
    expect(await namesFound(tokens['demo-secretary']!, { q: 'shanxuemei' })).toEqual(['单雪梅']);
    expect(await namesFound(tokens['demo-secretary']!, { q: 'sxm' })).toEqual(['单雪梅']);
  });

  it('filters by role and branch, for an admin across the organisation', async () => {
    const admin = tokens['demo-admin']!;
    const secretaries = await search(admin, { roles: 'secretary', limit: '200' });
    // The two branch secretaries of the demo organisation (壮志林场, 翠岗林场), across both bureaus.
    expect((secretaries.body.items as Found[]).map((m) => m.userId).sort()).toEqual(['demo-secretary', 'demo-secretary-cuigang']);
    const handlers = await search(admin, { roles: 'secretary,admin', limit: '200' });
    expect((handlers.body.items as Found[]).map((m) => m.userId).sort()).toEqual(['demo-admin', 'demo-secretary', 'demo-secretary-cuigang']);
    expect(await namesFound(admin, { q: 'ygl' })).toEqual(['杨管理']);
    expect(await namesFound(admin, { q: 'ygl', branchId: 'xinlin-office' })).toEqual([]);
    const office = await search(admin, { branchId: 'xinlin-office', limit: '200' });
    expect((office.body.items as Found[]).every((m) => m.branchId === 'xinlin-office')).toBe(true);
    expect((office.body.items as Found[]).map((m) => m.name)).toContain('李机关');
  });
});

describe('roster search scope', () => {
  it('keeps a secretary inside their own branch: other branches are not found, and asking for one is refused', async () => {
    const secretary = tokens['demo-secretary']!;
    expect(await namesFound(secretary, { q: '杨管理' })).toEqual([]);
    expect(await namesFound(secretary, { q: 'ygl' })).toEqual([]);
    const everyone = await search(secretary, { limit: '200' });
    expect((everyone.body.items as Found[]).every((m) => m.branchId === 'songling-zhuangzhi')).toBe(true);
    const foreign = await search(secretary, { q: 'ygl', branchId: 'songling-office' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toBe('支部书记只能查看本支部的党员');
  });

  it('lets finance find, for 代缴, the members of every branch of its own 党委 and nobody outside it', async () => {
    const finance = tokens['demo-finance']!;
    // 陈财务 sits in 松岭林业局机关第一党支部: the dues they handle are 松岭林业局党委's branches.
    expect(await namesFound(finance, { q: 'whl' })).toEqual(['王护林']);
    expect(await namesFound(finance, { q: 'zsj' })).toEqual(['张书记']);
    expect(await namesFound(finance, { q: 'ygl' })).toEqual(['杨管理']);
    // 新林林业局党委's members are another organisation's dues: not found by name, nor by asking for their branch.
    expect(await namesFound(finance, { q: 'ljg' })).toEqual([]);
    expect(await namesFound(finance, { q: '赵老党员' })).toEqual([]);
    const everyone = (await search(finance, { limit: '200' })).body.items as Found[];
    expect(new Set(everyone.map((m) => m.branchId))).toEqual(new Set(['songling-office', 'songling-zhuangzhi', 'songling-fire']));
    const fire = await search(finance, { branchId: 'songling-fire', limit: '200' });
    expect(fire.status).toBe(200);
    expect((fire.body.items as Found[]).length).toBeGreaterThan(0);
    const foreign = await search(finance, { branchId: 'xinlin-office' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toBe('党费管理员只能查看本单位（上级党委）所属支部的党员');
  });

  it('gives finance the search only: no member page and no edits', async () => {
    const finance = tokens['demo-finance']!;
    expect((await call(handler, 'GET', '/api/v1/members/demo-ranger', { token: finance })).status).toBe(403);
    const edit = await call(handler, 'PATCH', '/api/v1/members/demo-ranger', { token: finance, body: { category: 'office' } });
    expect(edit.status).toBe(403);
    const ranger = await call(handler, 'GET', '/api/v1/members/demo-ranger', { token: tokens['demo-admin'] });
    expect(ranger.body.member.category).toBe('ranger');
  });

  it('refuses the search to an ordinary member and a reviewer', async () => {
    expect((await search(tokens['demo-ranger']!, { q: 'zsj' })).status).toBe(403);
    expect((await search(tokens['demo-reviewer']!, { q: 'zsj' })).status).toBe(403);
  });

  it('shows a member page within scope only', async () => {
    const own = await call(handler, 'GET', '/api/v1/members/demo-ranger', { token: tokens['demo-secretary'] });
    expect(own.status).toBe(200);
    expect(own.body.member.name).toBe('王护林');
    expect(own.body.branch.name).toBe('壮志林场党支部');
    expect(own.body.company.name).toBe('松岭林业局党委');
    const foreign = await call(handler, 'GET', '/api/v1/members/demo-admin', { token: tokens['demo-secretary'] });
    expect(foreign.status).toBe(403);
    const missing = await call(handler, 'GET', '/api/v1/members/nobody-here', { token: tokens['demo-admin'] });
    expect(missing.status).toBe(404);
  });
});

describe('roster search input', () => {
  it.each([
    ['a query longer than 32 characters', { q: '林'.repeat(33) }],
    ['an unknown role', { roles: 'chairman' }],
    ['a malformed role list', { roles: 'secretary,,admin' }],
    ['a page size of 0', { limit: '0' }],
    ['a page size above 200', { limit: '201' }],
    ['an unknown filter', { surname: '王' }],
    ['a forged cursor', { q: 'w', cursor: 'eyJwayI6Ik1FTUJFUiN4In0.AAAA' }],
  ])('answers %s with a 400 and a Chinese message', async (_, query) => {
    const reply = await search(tokens['demo-admin']!, query as Record<string, string>);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('roster search paging', () => {
  it('pages through the matches of a search without losing or repeating one', async () => {
    const admin = tokens['demo-admin']!;
    const whole = await search(admin, { q: 'w', limit: '200' });
    const expected = (whole.body.items as Found[]).map((m) => m.userId);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const reply = await search(admin, { q: 'w', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(reply.status).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...(reply.body.items as Found[]).map((m) => m.userId));
      cursor = reply.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(paged).toEqual(expected);
  });

  it('refuses the cursor of one search for another', async () => {
    const admin = tokens['demo-admin']!;
    const first = await search(admin, { q: 'w', limit: '2' });
    expect(first.body.nextCursor).toBeDefined();
    const other = await search(admin, { q: 'zsj', limit: '2', cursor: first.body.nextCursor });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('INVALID_CURSOR');
  });
});
