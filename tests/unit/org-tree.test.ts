import { buildOrgTree, branchIds } from '../../functions/identity/org-tree';
import { DEMO_ORG } from '../../scripts/local/demo-data';

describe('organisation tree', () => {
  it('nests branches under companies under the group', () => {
    const root = buildOrgTree(DEMO_ORG);
    expect(root?.kind).toBe('group');
    expect(root?.children.map((c) => c.kind)).toEqual(['company', 'company']);
    const songling = root?.children.find((c) => c.id === 'songling');
    expect(songling?.children.map((b) => b.id).sort()).toEqual(['songling-fire', 'songling-office', 'songling-zhuangzhi']);
  });

  it('knows which ids are branches', () => {
    expect(branchIds(DEMO_ORG).has('xinlin-cuigang')).toBe(true);
    expect(branchIds(DEMO_ORG).has('xinlin')).toBe(false);
  });
});
