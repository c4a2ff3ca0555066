import { Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useOrgTree, usePersonSearch } from '../../../components/pickers';
import { branchGroups, branchNameLookup } from '../../../components/pickers/branch-options';
import { personDetail } from '../../../components/pickers/person-detail';
import { useRequiredMember } from '../../../hooks/use-session';
import { ROSTER_ROUTES, withQuery } from '../../../routes';
import '../../../components/pickers/pickers.css';

/** Roles worth filtering the roster by (everyone is a 党员). */
const ROLE_FILTERS: Role[] = ['secretary', 'reviewer', 'finance', 'admin'];

/** 花名册: a secretary's branch or, for an admin, the whole organisation; search by name, pinyin or initials. */
export default function RosterPage() {
  const member = useRequiredMember();
  const isAdmin = member?.roles.includes('admin') ?? false;
  const { root } = useOrgTree();
  const branches = root && isAdmin ? branchGroups(root).flatMap((group) => group.branches) : [];
  const [branchId, setBranchId] = useState<string | undefined>(undefined);
  const [role, setRole] = useState<Role | undefined>(undefined);
  const search = usePersonSearch(role ? [role] : undefined, branchId);
  if (!member) return null;
  const branchName = branchNameLookup(root);
  const scope = isAdmin ? (branchId ? branchName(branchId) : '全部支部') : branchName(member.branchId) || '本支部';

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        花名册
      </Text>
      <Text className='hint'>{`范围：${scope}`}</Text>
      <Input className='picker__search' value={search.query} placeholder='输入姓名、拼音或首字母' aria-label='搜索党员' onInput={(event) => search.type(event.detail.value)} />
      {isAdmin ? (
        <Picker
          mode='selector'
          range={['全部支部', ...branches.map((branch) => branch.name)]}
          aria-label='选择支部'
          onChange={(event) => setBranchId(branches[Number(event.detail.value) - 1]?.id)}
        >
          <View className='picker__option' {...aria('button', '选择支部')}>
            <Text className='picker__option-name'>{`支部：${scope}`}</Text>
          </View>
        </Picker>
      ) : null}
      <View className='picker__chips'>
        {ROLE_FILTERS.map((value) => {
          const on = role === value;
          return (
            <View key={value} className={`picker__chip${on ? ' picker__chip--on' : ''}`} {...aria('button', `只看${ROLE_LABELS[value]}`, { 'aria-pressed': String(on) })} onClick={() => setRole(on ? undefined : value)}>
              <Text>{on ? `✓ ${ROLE_LABELS[value]}` : ROLE_LABELS[value]}</Text>
            </View>
          );
        })}
      </View>
      <ErrorBanner message={search.error} onRetry={search.retry} />
      {search.people.map((person) => (
        <View
          key={person.userId}
          className='picker__option'
          {...aria('link', `查看${person.name}`)}
          onClick={() => void Taro.navigateTo({ url: withQuery(ROSTER_ROUTES.member, { userId: person.userId }) })}
        >
          <Text className='picker__option-name'>{person.name}</Text>
          <Text className='picker__option-detail'>{personDetail(person, branchName(person.branchId))}</Text>
        </View>
      ))}
      {search.loading ? <LoadingText text='正在查找…' /> : null}
      {!search.loading && !search.error && search.people.length === 0 && !search.hasMore ? <Text className='hint'>没有找到符合条件的党员</Text> : null}
      {search.hasMore && !search.loading ? <ActionButton label='加载更多' variant='secondary' onTap={search.loadMore} /> : null}
    </PageRoot>
  );
}
