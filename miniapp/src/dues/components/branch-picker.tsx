import { Text, View } from '@tarojs/components';
import { identityApi, type OrgTreeNode } from '@shared/api';
import { useAsync } from '../../hooks/use-async';
import { call } from '../../services/api';
import { Choices } from './choices';

function branchesOf(node: OrgTreeNode): Array<{ value: string; label: string }> {
  return node.kind === 'branch' ? [{ value: node.id, label: node.name }] : node.children.flatMap(branchesOf);
}

/** Finance and admins pick any branch; a secretary works in their own and sees no picker. */
export function BranchPicker({ enabled, branchId, onPick }: { enabled: boolean; branchId: string; onPick: (branchId: string) => void }) {
  const tree = useAsync(() => call(identityApi.orgTree).then((reply) => branchesOf(reply.root)), enabled);
  if (!enabled) return null;
  return (
    <View className='field'>
      <Text className='field__label'>支部</Text>
      <Choices options={tree.data ?? []} chosen={[branchId]} onToggle={onPick} />
    </View>
  );
}
