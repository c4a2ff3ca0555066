import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';
import { ActionButton } from '../../components/action-button';
import { EntryCard } from '../../components/entry-card';
import { ErrorBanner } from '../../components/error-banner';
import { InfoRow } from '../../components/info-row';
import { LoadingText } from '../../components/loading-text';
import { CacheNote } from '../../components/cache-note';
import { useMe } from '../../hooks/use-me';
import { useRequiredMember } from '../../hooks/use-session';
import { signOut } from '../../services/auth';
import { pageClass, useLargeText } from '../../services/large-text';
import { LargeTextSwitch } from './large-text-switch';
import { categoryLabel, postTagsLabel, roleLabels } from '../../services/labels';
import { MEMBERSHIP_ROUTES } from '../../routes';
import Taro from '@tarojs/taro';

export default function MePage() {
  const member = useRequiredMember();
  const { data: me, error, loading, reload, staleSince } = useMe(member !== null);
  const largeText = useLargeText();

  return (
    <View className={pageClass(largeText)}>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        我的
      </Text>
      {loading && !me ? <LoadingText /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      <CacheNote staleSince={staleSince} />
      {me ? (
        <View className='card'>
          <InfoRow label='姓名' value={me.member.name} />
          <InfoRow label='所在支部' value={me.branch.name} />
          <InfoRow label='上级党委' value={me.company?.name ?? '—'} />
          <InfoRow label='党员类别' value={categoryLabel(me.member.category)} />
          <InfoRow label='角色' value={roleLabels(me.member.roles)} />
          <InfoRow label='岗位标签' value={postTagsLabel(me.member.postTags)} />
        </View>
      ) : null}
      <EntryCard title='我的党员档案' summary='入党进程、组织关系转接、电子党员证' onTap={() => void Taro.navigateTo({ url: MEMBERSHIP_ROUTES.index })} />
      <LargeTextSwitch on={largeText} />
      <ActionButton label='退出登录' variant='secondary' onTap={signOut} />
    </View>
  );
}
