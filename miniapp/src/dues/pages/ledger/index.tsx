import { Text, View } from '@tarojs/components';
import { LEDGER_KIND_LABELS, PAYMENT_METHOD_LABELS, duesApi, formatYuan } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { PageRoot } from '../../../components/page-root';
import '../../dues.css';

/** My entries in the hash-chained ledger, each checked: its content against its hash, its links in the chain. */
export default function MyLedgerPage() {
  const member = useRequiredMember();
  const ledger = useAsync(() => call(duesApi.myLedger), member !== null);
  if (!member) return null;
  const data = ledger.data;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        我的账本记录
      </Text>
      <Text className='hint'>党费账本只能追加、不能修改：每条记录都带有上一条记录的哈希值，任何改动都会被发现。</Text>
      {ledger.loading ? <LoadingText /> : null}
      <ErrorBanner message={ledger.error} onRetry={ledger.reload} />
      {data ? (
        <Text className={data.allOk ? 'dues-ok' : 'dues-broken'} {...aria('status')}>
          {data.allOk ? `核验通过：${data.entries.length} 条记录内容完整，且都在账本链中` : '核验发现异常记录，请立即联系党费管理员'}
        </Text>
      ) : null}
      {data?.latestCheckpoint ? (
        <View className='card'>
          <Text className='card-title'>最近公布的校验点</Text>
          <InfoRow label='日期' value={data.latestCheckpoint.day} />
          <InfoRow label='记录条数' value={String(data.latestCheckpoint.count)} />
          <Text className='dues-hash'>{data.latestCheckpoint.headHash}</Text>
        </View>
      ) : null}
      {data?.entries.length === 0 ? <Text className='hint'>还没有您的缴费记录。</Text> : null}
      {data?.entries.map(({ entry, contentOk, linkOk }) => (
        <View key={`${entry.chain ?? ''}#${entry.seq}`} className='card'>
          <View className='dues-row'>
            <Text className='card-title'>{`第 ${entry.seq} 条 · ${LEDGER_KIND_LABELS[entry.kind]}`}</Text>
            <Text className={`dues-tag ${contentOk && linkOk ? 'dues-tag--paid' : 'dues-tag--unpaid'}`}>{contentOk && linkOk ? '核验通过' : '核验异常'}</Text>
          </View>
          <Text className='dues-amount'>{`${formatYuan(entry.amountFen + entry.voluntaryFen)} 元`}</Text>
          <InfoRow label='月份' value={entry.months.join('、')} />
          <InfoRow label='时间' value={entry.at.slice(0, 10)} />
          {entry.method ? <InfoRow label='方式' value={PAYMENT_METHOD_LABELS[entry.method]} /> : null}
          {entry.voluntaryFen !== 0 ? <InfoRow label='自愿多缴' value={`${formatYuan(entry.voluntaryFen)} 元`} /> : null}
          {entry.note ? <InfoRow label='说明' value={entry.note} /> : null}
          <Text className='dues-hash'>{`哈希 ${entry.hash}`}</Text>
        </View>
      ))}
    </PageRoot>
  );
}
