import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { HANDLING_STATUSES, type SuggestionStatus } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { SUGGESTION_ROUTES, withQuery } from '../../../routes';
import { authorLine } from '../../components/author-line';
import { ChoiceGroup } from '../../components/choice-group';
import { SuggestionCards } from '../../components/suggestion-card';
import { useHandlingList } from '../../hooks/use-suggestions';
import { statusLabel } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';

const TABS = HANDLING_STATUSES.map((value) => ({ value, label: statusLabel(value) }));

function HandlingList({ status }: { status: SuggestionStatus }) {
  const list = useHandlingList(status, true);
  useDidShow(() => list.reload());
  return (
    <View>
      {list.loading && !list.data ? <LoadingText /> : null}
      <ErrorBanner message={list.error} onRetry={list.reload} />
      {list.data?.length === 0 ? <Text className='hint'>{`没有${statusLabel(status)}的意见`}</Text> : null}
      {list.data ? <SuggestionCards items={list.data} noteOf={authorLine} urlOf={(s) => withQuery(SUGGESTION_ROUTES.handlingDetail, { id: s.id })} /> : null}
    </View>
  );
}

/** Suggestions to handle, by status: a secretary sees their branch, an admin every branch. */
export default function HandlingPage() {
  const member = useRequiredMember();
  const [status, setStatus] = useState<SuggestionStatus>('open');
  if (!member) return null;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        意见办理
      </Text>
      <ChoiceGroup options={TABS} chosen={status} onChoose={setStatus} />
      <HandlingList key={status} status={status} />
    </PageRoot>
  );
}
