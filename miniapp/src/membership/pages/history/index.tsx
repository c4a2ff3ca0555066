import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { membershipApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { entryDetail, entryTitle, shanghaiDateTime } from '../../services/chain';
import '../../membership.css';

/**
 * The record chain (档案链) verified by the server: every step of the record and of its transfers, each with
 * whether its hash and its link to the one before still hold, and the chain's head in the latest signed
 * checkpoint. The member's own, or (with `personId`) a person of the branch a secretary manages.
 */
export default function RecordHistoryPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const personId = params.personId;
  const reply = useAsync(() => (personId ? call(membershipApi.personHistory, { params: { personId } }) : call(membershipApi.myHistory)), member !== null);
  if (!member) return null;
  const history = reply.data;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        档案链校验
      </Text>
      {reply.loading && !history ? <LoadingText /> : null}
      <ErrorBanner message={reply.error} onRetry={reply.reload} />
      {history ? (
        <View className={`verdict ${history.ok ? 'verdict--ok' : 'verdict--bad'}`} {...aria('status')}>
          <Text className='verdict__title'>{history.ok ? '档案链校验通过' : '档案链校验未通过'}</Text>
          <Text className='step-row__detail'>
            {history.firstBroken ? history.firstBroken.message : history.count > 0 ? `共 ${history.count} 条记录，逐条核对哈希与前后链接无误` : '档案链还没有记录'}
          </Text>
        </View>
      ) : null}
      {history?.checkpoint ? (
        <View className='card'>
          <InfoRow label='校验点' value={history.checkpoint.day} />
          <InfoRow label='签名' value={history.checkpoint.signatureOk ? '有效' : '无效'} />
          <InfoRow label='链头已纳入' value={history.checkpoint.included ? `是（第 ${history.checkpoint.head.seq} 条）` : '否'} />
          <Text className='membership-code'>{`根哈希 ${history.checkpoint.root}`}</Text>
        </View>
      ) : history && history.count > 0 ? (
        <Text className='hint'>今晚的校验点发布后，可核对链头是否纳入已签名的校验点。</Text>
      ) : null}
      {history && history.entries.length > 0 ? <Text className='section-title'>记录（按时间先后）</Text> : null}
      {(history?.entries ?? []).map(({ entry, contentOk, linkOk }) => (
        <View key={entry.seq} className='step-row'>
          <Text className='step-row__title'>{`${entry.seq}. ${entryTitle(entry)}`}</Text>
          <Text className='step-row__detail'>{entryDetail(entry)}</Text>
          <Text className='step-row__detail'>{`${shanghaiDateTime(entry.at)} · ${entry.by.name}登记`}</Text>
          {contentOk && linkOk ? null : <Text className='step-row__flag'>{!contentOk ? '此条内容与其哈希不符，已被改动' : '此条与前一条的链接断开'}</Text>}
          <Text className='membership-code'>{entry.hash}</Text>
        </View>
      ))}
    </PageRoot>
  );
}
