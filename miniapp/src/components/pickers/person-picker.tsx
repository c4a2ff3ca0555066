import { Input, Text, View } from '@tarojs/components';
import type { Member, Role } from '@shared/api';
import { aria } from '../a11y';
import { ActionButton } from '../action-button';
import { ErrorBanner } from '../error-banner';
import { LoadingText } from '../loading-text';
import { branchNameLookup } from './branch-options';
import { personDetail } from './person-detail';
import { useOrgTree } from './use-org-tree';
import { usePersonSearch } from './use-person-search';
import './pickers.css';

interface PersonPickerProps {
  /** What the person is chosen for, e.g. 「指派给」. */
  label: string;
  /** Only people with any of these roles are offered. */
  roles?: readonly Role[];
  /** Narrows the offer further where the rule needs more than roles (e.g. the suggestion's own branch). */
  accept?: (person: Member) => boolean;
  /** Who is chosen: a page opened for someone (e.g. from the arrears list) knows only their account and name. */
  chosen: Pick<Member, 'userId' | 'name'> | null;
  onChoose: (person: Member | null) => void;
}

/** Chooses one person from the roster by name, pinyin or initials: nobody types an account. */
export function PersonPicker({ label, roles, accept, chosen, onChoose }: PersonPickerProps) {
  const search = usePersonSearch(roles);
  const { root } = useOrgTree();
  const branchName = branchNameLookup(root);
  const offered = accept ? search.people.filter(accept) : search.people;
  return (
    <View className='picker'>
      <Text className='picker__label'>{label}</Text>
      {chosen ? (
        <View className='picker__chosen'>
          <Text className='picker__chosen-name'>{`已选：${chosen.name}`}</Text>
          <View className='picker__clear' {...aria('button', `取消选择${chosen.name}`)} onClick={() => onChoose(null)}>
            <Text>重选</Text>
          </View>
        </View>
      ) : (
        <View>
          <Input
            className='picker__search'
            value={search.query}
            placeholder='输入姓名、拼音或首字母'
            aria-label={`${label}：搜索姓名`}
            onInput={(event) => search.type(event.detail.value)}
          />
          <ErrorBanner message={search.error} onRetry={search.retry} />
          {offered.map((person) => (
            <View key={person.userId} className='picker__option' {...aria('button', `选择${person.name}`)} onClick={() => onChoose(person)}>
              <Text className='picker__option-name'>{person.name}</Text>
              <Text className='picker__option-detail'>{personDetail(person, branchName(person.branchId))}</Text>
            </View>
          ))}
          {search.loading ? <LoadingText text='正在查找…' /> : null}
          {!search.loading && !search.error && offered.length === 0 && !search.hasMore ? <Text className='hint'>没有找到符合条件的人员</Text> : null}
          {search.hasMore && !search.loading ? <ActionButton label='加载更多' variant='secondary' onTap={search.loadMore} /> : null}
        </View>
      )}
    </View>
  );
}
