import { identityApi, signupApi, type ActivityListItem, type OrgTreeNode } from '@shared/api';
import { useAsync, type AsyncState } from '../../hooks/use-async';
import { useCachedCall } from '../../hooks/use-cached';
import { call } from '../../services/api';

export type ListKind = 'upcoming' | 'past' | 'organised';

/** Activities the member may join (upcoming or past), or those the organiser runs. */
export function useActivityList(kind: ListKind, enabled: boolean): AsyncState<ActivityListItem[]> {
  return useAsync(
    () => (kind === 'organised' ? call(signupApi.organisedActivities) : call(signupApi.listActivities, { query: { scope: kind } })).then((reply) => reply.items),
    enabled,
  );
}

/** Kept on the phone: a member checks where and when they signed up for without a network too. */
export function useMyRegistrations(enabled: boolean) {
  return useCachedCall(signupApi.myRegistrations, 'signup.mine', {}, enabled);
}

function branchesOf(node: OrgTreeNode): Array<{ id: string; name: string }> {
  const own = node.kind === 'branch' ? [{ id: node.id, name: node.name }] : [];
  return [...own, ...node.children.flatMap(branchesOf)];
}

/** Every branch with its name: for the audience of an activity and the branch report. */
export function useBranches(enabled = true): AsyncState<Array<{ id: string; name: string }>> {
  return useAsync(() => call(identityApi.orgTree).then((reply) => branchesOf(reply.root)), enabled);
}
