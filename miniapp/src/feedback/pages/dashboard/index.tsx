import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CATEGORY_LABELS, FEATURES, FEATURE_KEYS, type Dashboard, type FeatureKey } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { branchNameLookup, useOrgTree } from '../../../components/pickers';
import { TrendChart } from '../../components/trend-chart';
import { useDashboard } from '../../data';
import { shanghaiTime, targetingText, toggleStatus } from '../../labels';
import { PageRoot } from '../../../components/page-root';
import '../../feedback.css';

const dash = (value: number | null, suffix = '') => (value === null ? '—' : `${value}${suffix}`);

function Charts({ data }: { data: Dashboard }) {
  const days = data.days.map((day) => day.day);
  return (
    <View>
      <Text className='section-title'>使用与错误（次/天）</Text>
      <TrendChart
        days={days}
        series={[
          { name: '打开', type: 'bar', data: data.days.map((d) => d.opens), color: '#b71c1c' },
          { name: '错误', type: 'line', data: data.days.map((d) => d.errors), color: '#37474f' },
        ]}
      />
      <Text className='section-title'>错误率（%）与平均评分</Text>
      <TrendChart
        days={days}
        series={[
          { name: '错误率%', type: 'line', data: data.days.map((d) => d.errorRate), color: '#e65100' },
          { name: '平均评分', type: 'line', data: data.days.map((d) => d.avgRating), color: '#1b5e20' },
        ]}
      />
    </View>
  );
}

/** One feature over the last 30 days: usage, errors and ratings by day and by member category, and comments. */
export default function DashboardPage() {
  const { params } = useRouter();
  const feature = (FEATURE_KEYS as readonly string[]).includes(params.feature ?? '') ? (params.feature as FeatureKey) : 'feedback';
  const { data, error, loading, reload } = useDashboard(feature);
  const branchName = branchNameLookup(useOrgTree().root, '未知支部');
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {FEATURES[feature]}
      </Text>
      {loading ? <LoadingText /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      {data ? (
        <View>
          <View className='card'>
            <InfoRow label='状态' value={toggleStatus(data.toggle)} />
            <InfoRow label='范围' value={targetingText(data.toggle, branchName)} />
            <InfoRow label='近 30 天' value={`打开 ${data.totals.opens} 次，错误率 ${dash(data.totals.errorRate, '%')}，评分 ${dash(data.totals.avgRating)}（${data.totals.ratings} 条）`} />
          </View>
          <Charts data={data} />
          <Text className='section-title'>按党员类别</Text>
          <View className='card'>
            {data.byCategory.map((row) => (
              <View key={row.category} className='fb-table-row'>
                <Text>{CATEGORY_LABELS[row.category]}</Text>
                <Text>{`打开 ${row.opens} · 错误率 ${dash(row.errorRate, '%')} · 评分 ${dash(row.avgRating)}`}</Text>
              </View>
            ))}
          </View>
          <Text className='section-title'>{`党员意见（${data.comments.length} 条${data.heldComments > 0 ? `，另有 ${data.heldComments} 条待审核未显示` : ''}）`}</Text>
          {data.comments.map((comment) => (
            <View key={comment.at} className='card'>
              <Text className='fb-figures'>{`${shanghaiTime(comment.at)} · ${CATEGORY_LABELS[comment.category]} · ${comment.rating} 分`}</Text>
              <Text>{comment.text}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageRoot>
  );
}
