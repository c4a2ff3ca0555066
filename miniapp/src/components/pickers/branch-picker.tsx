import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { aria } from '../a11y';
import { ErrorBanner } from '../error-banner';
import { LoadingText } from '../loading-text';
import { branchGroups, branchNames, toggleBranch } from './branch-options';
import { useOrgTree } from './use-org-tree';
import './pickers.css';

interface BranchPickerProps {
  /** What the branches are chosen for, e.g. 「面向支部」. */
  label: string;
  /** Shown when nothing is chosen, e.g. 「不选即全部」. */
  emptyText: string;
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}

/** Chooses branches by name from the organisation tree, grouped by their 党委: nobody types a branch id. */
export function BranchPicker({ label, emptyText, chosen, onChange }: BranchPickerProps) {
  const { root, error, loading, reload } = useOrgTree();
  const [filter, setFilter] = useState('');
  const groups = root ? branchGroups(root, filter) : [];
  const names = branchNames(root, chosen);
  return (
    <View className='picker'>
      <Text className='picker__label'>{label}</Text>
      <Text className='picker__summary'>{chosen.length > 0 ? `已选 ${chosen.length} 个${names.length > 0 ? `：${names.join('、')}` : ''}` : emptyText}</Text>
      <Input className='picker__search' value={filter} placeholder='输入支部名称筛选' aria-label={`${label}：筛选支部`} onInput={(event) => setFilter(event.detail.value)} />
      {loading && !root ? <LoadingText /> : null}
      <ErrorBanner message={root ? null : error} onRetry={reload} />
      {groups.map((group) => (
        <View key={group.company}>
          <Text className='picker__group'>{group.company}</Text>
          <View className='picker__chips'>
            {group.branches.map((branch) => {
              const on = chosen.includes(branch.id);
              return (
                <View
                  key={branch.id}
                  className={`picker__chip${on ? ' picker__chip--on' : ''}`}
                  {...aria('button', `${label}：${branch.name}`, { 'aria-pressed': String(on) })}
                  onClick={() => onChange(toggleBranch(chosen, branch.id))}
                >
                  <Text>{on ? `✓ ${branch.name}` : branch.name}</Text>
                </View>
              );
            })}
          </View>
        </View>
      ))}
      {root && groups.length === 0 ? <Text className='hint'>没有名称相符的支部</Text> : null}
    </View>
  );
}
