import { identityApi, type OrgTreeNode } from '@shared/api';
import { useCachedCall } from '../../hooks/use-cached';

/** The organisation tree, kept on the phone: branch names to show, branches to choose from. */
export function useOrgTree(): { root: OrgTreeNode | null; error: string | null; loading: boolean; reload: () => void } {
  const tree = useCachedCall(identityApi.orgTree, 'org-tree');
  return { root: tree.data?.root ?? null, error: tree.error, loading: tree.loading, reload: tree.reload };
}
