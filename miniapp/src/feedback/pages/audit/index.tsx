import { Text, View } from '@tarojs/components';
import { FEATURES } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { branchNameLookup, useOrgTree } from '../../../components/pickers';
import { useAudit } from '../../data';
import { actorText, changeText, evidenceLines, shanghaiTime } from '../../labels';
import { PageRoot } from '../../../components/page-root';
import '../../feedback.css';

/** Every toggle change, newest first: who or which rule, before and after, and the evidence. */
export default function AuditPage() {
  const { data, error, loading, reload } = useAudit();
  const branchName = branchNameLookup(useOrgTree().root, '未知支部');
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        调整记录
      </Text>
      {loading ? <LoadingText /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      {data && data.length === 0 ? <Text className='hint'>还没有调整记录</Text> : null}
      {data?.map((entry) => (
        <View key={entry.id} className='card'>
          <Text className='card-title'>{FEATURES[entry.feature]}</Text>
          <Text className='fb-figures'>{`${shanghaiTime(entry.at)} · ${actorText(entry.actor)}`}</Text>
          <Text className='card-summary'>{changeText(entry.before, entry.after, branchName)}</Text>
          {entry.note ? <Text className='fb-figures'>{`说明：${entry.note}`}</Text> : null}
          {entry.evidence ? evidenceLines(entry.evidence).map((line) => <InfoRow key={line.label} label={line.label} value={line.value} />) : null}
        </View>
      ))}
    </PageRoot>
  );
}
