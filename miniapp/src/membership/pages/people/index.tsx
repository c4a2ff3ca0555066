import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { membershipApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { MEMBERSHIP_ROUTES, withQuery } from '../../../routes';
import { call } from '../../../services/api';
import { stageLabel, stepLabel } from '../../services/labels';
import '../../membership.css';

/** The secretary's branch: everyone with a record, the nearest time limit first, ID numbers masked. */
export default function PeoplePage() {
  const member = useRequiredMember();
  const reply = useAsync(() => call(membershipApi.listPeople), member !== null);
  if (!member) return null;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        发展党员
      </Text>
      {reply.loading && !reply.data ? <LoadingText /> : null}
      <ErrorBanner message={reply.error} onRetry={reply.reload} />
      {(reply.data?.items ?? []).map((person) => (
        <View key={person.personId} className='card' {...aria('link', person.name)} onClick={() => void Taro.navigateTo({ url: withQuery(MEMBERSHIP_ROUTES.person, { personId: person.personId }) })}>
          <Text className='card-title'>{`${person.name}　${stageLabel(person.stage)}`}</Text>
          <Text className='card-summary'>{person.idNumberMasked}</Text>
          {person.nextDeadline ? (
            <Text className='card-summary'>{`${stepLabel(person.nextDeadline.kind)}：${person.nextDeadline.earliest ? '最早' : '最迟'} ${person.nextDeadline.due}`}</Text>
          ) : null}
          {person.flagged ? <Text className='step-row__flag'>有步骤超出规定时限</Text> : null}
        </View>
      ))}
    </PageRoot>
  );
}
