import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CATEGORY_LABELS, ROLE_LABELS, identityApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';

/** One member of the roster: branch, 上级党委, category, posts and roles. */
export default function RosterMemberPage() {
  const member = useRequiredMember();
  const userId = useRouter().params.userId ?? '';
  const detail = useAsync(() => call(identityApi.getMember, { params: { userId } }), member !== null && userId !== '');
  if (!member) return null;
  const found = detail.data;
  return (
    <PageRoot>
      {detail.loading ? <LoadingText /> : null}
      <ErrorBanner message={userId === '' ? '没有指定党员，请从花名册进入' : detail.error} onRetry={detail.reload} />
      {found ? (
        <View>
          <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
            {found.member.name}
          </Text>
          <View className='card'>
            <InfoRow label='所在支部' value={found.branch.name} />
            {found.company ? <InfoRow label='上级党委' value={found.company.name} /> : null}
            <InfoRow label='类别' value={CATEGORY_LABELS[found.member.category]} />
            <InfoRow label='岗位' value={found.member.postTags.length > 0 ? found.member.postTags.join('、') : '未填写'} />
            <InfoRow label='角色' value={found.member.roles.map((role) => ROLE_LABELS[role]).join('、')} />
            {found.member.admittedMonth ? <InfoRow label='接收为预备党员' value={found.member.admittedMonth} /> : null}
          </View>
        </View>
      ) : null}
    </PageRoot>
  );
}
