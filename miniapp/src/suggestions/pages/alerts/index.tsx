import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { suggestionsApi, type EarlyWarningAlert } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { useAction } from '../../hooks/use-action';
import { useAlerts } from '../../hooks/use-suggestions';
import { moderationCategoryLabel, shanghaiDateTime } from '../../services/labels';
import { PageRoot } from '../../../components/page-root';
import '../../suggestions.css';

function AlertCard({ alert, onChanged }: { alert: EarlyWarningAlert; onChanged: () => void }) {
  const action = useAction();
  const usual = alert.baseline < 0.05 ? '近期几乎没有此类内容' : `近期平均每 ${alert.windowMinutes} 分钟约 ${alert.baseline} 条`;
  const why = alert.reason === 'threshold' ? '达到预警阈值' : `明显增多：${usual}`;
  const acknowledge = async () => {
    if (await action.run(() => call(suggestionsApi.acknowledgeAlert, { params: { id: alert.id } }))) onChanged();
  };
  return (
    <View className='card'>
      <Text className='card-title'>{`${alert.branchName} · ${moderationCategoryLabel(alert.category)}`}</Text>
      <Text className='sugg-card__meta'>{`${shanghaiDateTime(alert.createdAt)} 前 ${alert.windowMinutes} 分钟：拦截 ${alert.blocked} 条，待审 ${alert.held} 条（${why}）`}</Text>
      {alert.acknowledged ? (
        <Text className='sugg-card__meta'>{`${alert.acknowledged.byName} 已于 ${shanghaiDateTime(alert.acknowledged.at)} 确认`}</Text>
      ) : (
        <View>
          <ErrorBanner message={action.error} />
          <ActionButton label='确认已知晓' variant='secondary' disabled={action.busy} onTap={() => void acknowledge()} />
        </View>
      )}
    </View>
  );
}

/** Early warnings (舆情预警): where blocked and held content clusters, newest first. */
export default function AlertsPage() {
  const member = useRequiredMember();
  const alerts = useAlerts(member !== null);
  useDidShow(() => alerts.reload());
  if (!member) return null;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        舆情预警
      </Text>
      <Text className='hint'>某支部在一段时间内被拦截或待审的内容明显增多时，这里会出现预警。只统计数量，不显示提交人。</Text>
      {alerts.loading && !alerts.data ? <LoadingText /> : null}
      <ErrorBanner message={alerts.error} onRetry={alerts.reload} />
      {alerts.data?.length === 0 ? <Text className='hint'>目前没有预警</Text> : null}
      {alerts.data?.map((alert) => <AlertCard key={alert.id} alert={alert} onChanged={alerts.reload} />)}
    </PageRoot>
  );
}
