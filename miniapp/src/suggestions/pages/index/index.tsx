import { Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { EntryCard } from '../../../components/entry-card';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PendingList } from '../../../components/pending-list';
import { useReloadWhenSent } from '../../../hooks/use-pending';
import { useRequiredMember } from '../../../hooks/use-session';
import { SUGGESTION_ROUTES, withQuery } from '../../../routes';
import { trackUsage } from '../../../services/usage';
import { SuggestionCards } from '../../components/suggestion-card';
import { useMySuggestions } from '../../hooks/use-suggestions';
import { PageRoot } from '../../../components/page-root';

const open = (url: string) => void Taro.navigateTo({ url });

/** The suggestion box: write a suggestion, follow my own; reviewers and handlers find their work here too. */
export default function SuggestionsHomePage() {
  const member = useRequiredMember();
  const mine = useMySuggestions(member !== null);
  useDidShow(() => mine.reload());
  useReloadWhenSent(mine.reload);
  useEffect(() => {
    if (member) trackUsage('suggestions', 'opened');
  }, [member]);
  if (!member) return null;
  const has = (role: string) => member.roles.some((r) => r === role);

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        意见箱
      </Text>
      <Text className='hint'>提需求、提意见，可以匿名。支部书记或平台管理员会答复您。</Text>
      <ActionButton label='我要提意见' onTap={() => open(SUGGESTION_ROUTES.submit)} />
      {has('reviewer') ? <EntryCard title='审核队列' summary='需要人工审核的意见，最早提交的在前' onTap={() => open(SUGGESTION_ROUTES.review)} /> : null}
      {has('admin') || has('secretary') ? <EntryCard title='意见办理' summary={has('admin') ? '各支部的意见：指派、答复' : '本支部的意见：指派、答复'} onTap={() => open(SUGGESTION_ROUTES.handling)} /> : null}
      {has('admin') || has('reviewer') ? <EntryCard title='舆情预警' summary='拦截和待审内容集中出现时的提醒' onTap={() => open(SUGGESTION_ROUTES.alerts)} /> : null}
      <Text className='section-title'>我的意见</Text>
      <PendingList kinds={['suggestion']} />
      {mine.loading && !mine.data ? <LoadingText /> : null}
      <ErrorBanner message={mine.error} onRetry={mine.reload} />
      {mine.data?.length === 0 ? <Text className='hint'>您还没有提过意见</Text> : null}
      {mine.data?.some((s) => s.anonymous) ? <Text className='hint'>匿名意见凭这部手机上保存的凭据列出，清除小程序数据或更换手机后将无法再查看。</Text> : null}
      {mine.data ? (
        <SuggestionCards items={mine.data} noteOf={(s) => (s.anonymous ? '匿名' : undefined)} urlOf={(s) => withQuery(SUGGESTION_ROUTES.mineDetail, { id: s.id })} />
      ) : null}
    </PageRoot>
  );
}
