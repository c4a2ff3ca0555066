import type { OrgTreeNode } from '@shared/api';

export interface BranchOption {
  id: string;
  name: string;
}

/** Branches under one company (党委), in the tree's order: how the branch picker lists them. */
export interface BranchGroup {
  company: string;
  branches: BranchOption[];
}

/**
 * The branches of the organisation grouped by their company, keeping only those whose name (or company's
 * name) contains `filter`; a branch directly under the group is listed under the group's name.
 */
export function branchGroups(root: OrgTreeNode, filter = ''): BranchGroup[] {
  const wanted = filter.replace(/\s/g, '');
  const groups: BranchGroup[] = [];
  const visit = (node: OrgTreeNode, company: string): void => {
    const branches = node.children.filter((child) => child.kind === 'branch');
    const companyMatches = wanted !== '' && company.includes(wanted);
    const shown = branches.filter((branch) => companyMatches || branch.name.includes(wanted));
    if (shown.length > 0) groups.push({ company, branches: shown.map(({ id, name }) => ({ id, name })) });
    for (const child of node.children) if (child.kind !== 'branch') visit(child, child.name);
  };
  visit(root, root.name);
  return groups;
}

/**
 * Names of organisation units by id. An id the tree does not have (not loaded yet, or the branch was dissolved)
 * is `unknown` (by default nothing): the app never shows a member an id in place of a name.
 */
export function branchNameLookup(root: OrgTreeNode | null, unknown = ''): (id: string) => string {
  const names = new Map<string, string>();
  const collect = (node: OrgTreeNode): void => {
    names.set(node.id, node.name);
    node.children.forEach(collect);
  };
  if (root) collect(root);
  return (id) => names.get(id) ?? unknown;
}

/** The names of the chosen branches, in the order chosen, leaving out any the tree does not have. */
export function branchNames(root: OrgTreeNode | null, ids: readonly string[]): string[] {
  const nameOf = branchNameLookup(root);
  return ids.map(nameOf).filter((name) => name !== '');
}

/** Adds a branch to the choice, or takes it out when it was chosen. */
export function toggleBranch(chosen: readonly string[], id: string): string[] {
  return chosen.includes(id) ? chosen.filter((value) => value !== id) : [...chosen, id];
}
