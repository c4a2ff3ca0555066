import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { assessmentApi, type AssessmentAuditEntry } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call } from '../../../services/api';
import { beijingYear, beijingTimeText } from '../../services/labels';
import '../../assessment.css';

const ACTIONS: Record<AssessmentAuditEntry['action'], string> = {
  'scheme-saved': '保存指标方案',
  'results-imported': '导入经营数据',
  'evaluation-scored': '第三方评分',
  'survey-set': '设置满意度调查',
};

/** A long before/after (a whole scheme) is summarised; a value or a score is shown as it is. */
const shown = (value: string | undefined) => (value === undefined ? '（无）' : value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** Every score, import and change of a year: who, when, what, before and after. */
export default function AuditPage() {
  const member = useRequiredMember();
  const year = useRouter().params.year ?? beijingYear();
  const audit = useAsync(() => call(assessmentApi.auditTrail, { query: { year } }), member !== null);
  if (!member) return null;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {`${year} 年度评分与修改记录`}
      </Text>
      {audit.loading ? <LoadingText /> : null}
      <ErrorBanner message={audit.error} onRetry={audit.reload} />
      {audit.data?.items.length === 0 ? <Text className='hint'>还没有记录</Text> : null}
      {audit.data?.items.slice(0, 200).map((entry) => (
        <View key={`${entry.at}${entry.target}`} className='card'>
          <Text className='card-title'>{`${ACTIONS[entry.action]}：${entry.target}`}</Text>
          <Text className='as-evidence'>{`${beijingTimeText(entry.at)} · ${entry.whoName}`}</Text>
          <Text className='as-evidence'>{`修改前：${shown(entry.before)}`}</Text>
          <Text className='as-evidence'>{`修改后：${shown(entry.after)}`}</Text>
        </View>
      ))}
    </PageRoot>
  );
}
