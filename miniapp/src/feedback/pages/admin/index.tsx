import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { FEATURES } from '@shared/api';
import { aria } from '../../../components/a11y';
import { EntryCard } from '../../../components/entry-card';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { FEEDBACK_ROUTES, withQuery } from '../../../routes';
import { useOverview } from '../../data';
import { toggleStatus } from '../../labels';
import { PageRoot } from '../../../components/page-root';
import '../../feedback.css';

const go = (url: string) => void Taro.navigateTo({ url });
const dash = (value: number | null, suffix = '') => (value === null ? '—' : `${value}${suffix}`);

/** The admin's first page: every feature's last 7 days at a glance, and the tools. */
export default function AdminPage() {
  const { data, error, loading, reload } = useOverview();
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        反馈管理
      </Text>
      <EntryCard title='调整建议' summary={data ? `${data.openProposals} 条待处理` : '规则根据数据提出的调整'} onTap={() => go(FEEDBACK_ROUTES.proposals)} />
      <EntryCard title='功能开关' summary='开启、关闭、开放比例与开放范围' onTap={() => go(FEEDBACK_ROUTES.toggles)} />
      <EntryCard title='调整规则' summary='按错误率、评分、使用量自动暂停或提出建议' onTap={() => go(FEEDBACK_ROUTES.rules)} />
      <EntryCard title='首页布局' summary='各类党员首页的排序：按使用次数，可置顶或移出' onTap={() => go(FEEDBACK_ROUTES.home)} />
      <EntryCard title='调整记录' summary='每次开关变化：谁、为什么、前后对比' onTap={() => go(FEEDBACK_ROUTES.audit)} />
      <Text className='section-title'>近 7 天各功能</Text>
      {loading ? <LoadingText /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      {data?.features.map(({ feature, toggle, totals }) => (
        <View key={feature} className='card' {...aria('link', FEATURES[feature])} onClick={() => go(withQuery(FEEDBACK_ROUTES.dashboard, { feature }))}>
          <View className='fb-row'>
            <Text className='card-title'>{FEATURES[feature]}</Text>
            <Text className={`fb-status${toggle.killSwitch || !toggle.enabled ? ' fb-status--off' : ''}`}>{toggleStatus(toggle)}</Text>
          </View>
          <Text className='fb-figures'>{`打开 ${totals.opens} 次 · 错误率 ${dash(totals.errorRate, '%')} · 评分 ${dash(totals.avgRating)}（${totals.ratings} 条）`}</Text>
        </View>
      ))}
    </PageRoot>
  );
}
