import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { duesApi, formatYuan } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { Figures } from '../../components/figures';
import { monthLabel, shanghaiNow } from '../../hooks/staff';
import { PageRoot } from '../../../components/page-root';
import '../../dues.css';

/** The branch's yearly public summary of dues collection: branch totals only, nobody's own figures. */
export default function SummaryPage() {
  const member = useRequiredMember();
  const year = Number(useRouter().params.year ?? shanghaiNow().year);
  const summary = useAsync(() => call(duesApi.summary, { query: { year } }).then((reply) => reply.summary), member !== null);
  if (!member) return null;
  const data = summary.data;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {`${year}年度党费收缴公示`}
      </Text>
      {summary.loading ? <LoadingText /> : null}
      <ErrorBanner message={summary.error} onRetry={summary.reload} />
      {data ? (
        <View>
          <Text className='hint'>{data.publishedAt ? `${data.branchName}，${data.publishedBy ?? ''}于 ${data.publishedAt.slice(0, 10)} 公布` : `${data.branchName}（尚未正式公布，以下为当前数据）`}</Text>
          <View className='card'>
            <Figures figures={data} />
            {data.toCentreFen > 0 ? <InfoRow label='上缴中央' value={`${formatYuan(data.toCentreFen)} 元`} /> : null}
          </View>
          <Text className='section-title'>按月</Text>
          {data.byMonth.map((row) => (
            <InfoRow key={row.month} label={monthLabel(row.month)} value={`应缴 ${formatYuan(row.dueFen)} · 已缴 ${formatYuan(row.paidFen)} 元`} />
          ))}
        </View>
      ) : null}
    </PageRoot>
  );
}
