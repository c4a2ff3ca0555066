import type { Member, OrgTreeNode } from '../../shared/api';
import { branchGroups, branchNameLookup, branchNames, toggleBranch } from '../../miniapp/src/components/pickers/branch-options';
import { PersonSearch, type PersonPage, type PersonSearchState } from '../../miniapp/src/components/pickers/person-search';
import { personDetail } from '../../miniapp/src/components/pickers/person-detail';
import { DEMO_ORG } from '../../scripts/local/demo-data';
import { buildOrgTree } from '../../functions/identity/org-tree';

const person = (userId: string, name: string, roles: Member['roles'] = ['member']): Member => ({
  userId,
  name,
  branchId: 'songling-zhuangzhi',
  category: 'ranger',
  postTags: [],
  roles,
  updatedAt: '2026-01-05T00:00:00.000Z',
});

/** A roster reply the test releases when it wants, to play replies out of order as a weak network does. */
interface PendingReply {
  query: string;
  cursor?: string;
  resolve: (page: PersonPage) => void;
  reject: (reason: unknown) => void;
}

function searchWithHeldReplies() {
  const pending: PendingReply[] = [];
  const states: PersonSearchState[] = [];
  const search = new PersonSearch(
    (query, cursor) => new Promise<PersonPage>((resolve, reject) => pending.push({ query, cursor, resolve, reject })),
    (state) => states.push(state),
    (reason) => `查找失败：${String(reason)}`,
  );
  return { search, pending, states };
}

describe('the person picker search', () => {
  it('lists what the latest query found, dropping a slower reply to an earlier query', async () => {
    const { search, pending } = searchWithHeldReplies();
    const first = search.search('w');
    const second = search.search('wang');
    pending[1]!.resolve({ items: [person('a', '王护林')] });
    await second;
    pending[0]!.resolve({ items: [person('b', '吴国庆'), person('c', '魏红梅')] });
    await first;
    expect(search.current().people.map((p) => p.name)).toEqual(['王护林']);
    expect(search.current().query).toBe('wang');
    expect(search.current().loading).toBe(false);
  });

  it('appends the next page without repeating anyone, and offers more only while the roster has more', async () => {
    const { search, pending } = searchWithHeldReplies();
    const start = search.search(' zs ');
    expect(pending[0]!.query).toBe('zs');
    pending[0]!.resolve({ items: [person('a', '张书记'), person('b', '赵树森')], nextCursor: 'next-1' });
    await start;
    expect(search.current().hasMore).toBe(true);
    const more = search.loadMore();
    expect(pending[1]!.cursor).toBe('next-1');
    pending[1]!.resolve({ items: [person('b', '赵树森'), person('c', '周淑珍')] });
    await more;
    expect(search.current().people.map((p) => p.userId)).toEqual(['a', 'b', 'c']);
    expect(search.current().hasMore).toBe(false);
    await search.loadMore();
    expect(pending).toHaveLength(2);
  });

  it('starts from the first page again for a new query', async () => {
    const { search, pending } = searchWithHeldReplies();
    const start = search.search('z');
    pending[0]!.resolve({ items: [person('a', '张书记')], nextCursor: 'next-1' });
    await start;
    const again = search.search('zh');
    expect(search.current().people).toEqual([]);
    expect(pending[1]!.cursor).toBeUndefined();
    pending[1]!.resolve({ items: [person('d', '朱海燕')] });
    await again;
    expect(search.current().people.map((p) => p.name)).toEqual(['朱海燕']);
  });

  it('shows why a search failed, and keeps the people already found', async () => {
    const { search, pending } = searchWithHeldReplies();
    const start = search.search('');
    pending[0]!.resolve({ items: [person('a', '张书记')], nextCursor: 'next-1' });
    await start;
    const more = search.loadMore();
    pending[1]!.reject('网络不可用');
    await more;
    expect(search.current().error).toBe('查找失败：网络不可用');
    expect(search.current().people.map((p) => p.name)).toEqual(['张书记']);
    expect(search.current().loading).toBe(false);
  });

  it('describes a person by branch and roles beyond 党员', () => {
    expect(personDetail(person('a', '张书记', ['member', 'secretary']), '壮志林场党支部')).toBe('壮志林场党支部 · 支部书记');
    expect(personDetail(person('b', '王护林'), '壮志林场党支部')).toBe('壮志林场党支部');
    expect(personDetail(person('a', '张书记', ['member', 'secretary']), '')).toBe('支部书记');
  });
});

describe('the branch picker', () => {
  const root = buildOrgTree(DEMO_ORG) as OrgTreeNode;

  it('lists every branch by name under its 党委', () => {
    const groups = branchGroups(root);
    expect(groups.map((g) => g.company)).toEqual(['松岭林业局党委', '新林林业局党委']);
    expect(groups.flatMap((g) => g.branches).length).toBe(DEMO_ORG.filter((u) => u.kind === 'branch').length);
    expect(groups[0]!.branches.map((b) => b.name)).toContain('壮志林场党支部');
  });

  it('narrows the list by a branch or company name', () => {
    expect(branchGroups(root, '林场').flatMap((g) => g.branches.map((b) => b.name))).toEqual(['壮志林场党支部', '翠岗林场党支部']);
    expect(branchGroups(root, '新林 林业局').flatMap((g) => g.branches).length).toBe(3);
    expect(branchGroups(root, '南极')).toEqual([]);
  });

  it('toggles a branch in and out of the choice and names the choice in order', () => {
    const chosen = toggleBranch(toggleBranch([], 'xinlin-cuigang'), 'songling-fire');
    expect(branchNames(root, chosen)).toEqual(['翠岗林场党支部', '松岭森林消防大队党支部']);
    expect(toggleBranch(chosen, 'xinlin-cuigang')).toEqual(['songling-fire']);
    // A branch the tree does not have (dissolved, or the tree not loaded yet) never shows its id instead.
    expect(branchNames(root, ['gone-branch', 'songling-fire'])).toEqual(['松岭森林消防大队党支部']);
    expect(branchNames(null, ['songling-fire'])).toEqual([]);
    expect(branchNameLookup(root, '未知支部')('gone-branch')).toBe('未知支部');
  });
});
