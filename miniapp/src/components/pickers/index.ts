export { branchNameLookup } from './branch-options';
export { BranchPicker } from './branch-picker';
export { PersonPicker } from './person-picker';
export { usePersonSearch } from './use-person-search';
export { useOrgTree } from './use-org-tree';
