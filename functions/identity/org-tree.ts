import type { OrgTreeNode, OrgUnit } from '../../shared/api/identity-model';

/** Builds the group → company → branch tree; children sorted by name so every client sees one order. */
export function buildOrgTree(units: OrgUnit[]): OrgTreeNode | undefined {
  const nodes = new Map<string, OrgTreeNode>(units.map((unit) => [unit.id, { ...unit, children: [] }]));
  let root: OrgTreeNode | undefined;
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else if (node.kind === 'group') root = node;
  }
  const sort = (node: OrgTreeNode): void => {
    node.children.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    node.children.forEach(sort);
  };
  if (root) sort(root);
  return root;
}

/** The branches that exist, by id: what a roster row or a member update may point at. */
export function branchIds(units: OrgUnit[]): Set<string> {
  return new Set(units.filter((unit) => unit.kind === 'branch').map((unit) => unit.id));
}
