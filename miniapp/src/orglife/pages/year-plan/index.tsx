import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MEETING_TYPE_LABELS, orgLifeApi, type PlanEntry } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import { beijingParts } from '../../../services/beijing-time';
import { saveCsv } from '../../../services/save-csv';
import { EntryEditor } from './entry-editor';
import '../../orglife.css';

/**
 * The branch's year: the plan generated from its rhythm (or as the secretary adjusted it), one line per meeting
 * due, each editable; and the year's record as CSV.
 */
export default function YearPlanPage() {
  const member = useRequiredMember();
  const thisYear = beijingParts(Date.now()).year;
  const [year, setYear] = useState(String(thisYear));
  const plan = useAsync(() => call(orgLifeApi.getPlan, { params: { year } }), member !== null);
  const [editing, setEditing] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!member) return null;
  const entries = plan.data?.year === year ? plan.data.entries : [];

  const saveEntry = async (index: number, entry: PlanEntry) => {
    setBusy(true);
    setError(null);
    try {
      await call(orgLifeApi.putPlan, { params: { year }, body: { entries: entries.map((current, i) => (i === index ? entry : current)) } });
      setEditing(null);
      setMessage('计划已保存');
      plan.reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const exportCsv = async () => {
    try {
      setMessage(await saveCsv(await call(orgLifeApi.yearCsv, { query: { year } })));
    } catch (failure) {
      setMessage(messageOf(failure));
    }
  };
  const chooseYear = (next: string) => {
    setYear(next);
    setEditing(null);
    plan.reload();
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        年度计划
      </Text>
      <View className='choice-row'>
        {[thisYear, thisYear + 1].map((value) => (
          <ActionButton key={value} label={`${value} 年`} variant={year === String(value) ? 'primary' : 'secondary'} onTap={() => chooseYear(String(value))} />
        ))}
      </View>
      <ActionButton label='导出全年组织生活（CSV）' variant='secondary' onTap={() => void exportCsv()} />
      {message ? <Text className='hint' {...aria('status')}>{message}</Text> : null}
      {plan.loading && !plan.data ? <LoadingText /> : null}
      <ErrorBanner message={plan.error} onRetry={plan.reload} />
      <ErrorBanner message={error} />
      {plan.data ? <Text className='hint'>{plan.data.edited ? '本计划已按支部实际调整' : '本计划按支部工作条例规定的节奏生成，可逐项调整'}</Text> : null}
      {entries.map((entry, index) =>
        editing === index ? (
          <EntryEditor key={`${entry.type}-${entry.period}-${index}`} entry={entry} busy={busy} onSave={(next) => void saveEntry(index, next)} onClose={() => setEditing(null)} />
        ) : (
          <View key={`${entry.type}-${entry.period}-${index}`} className='orglife-row'>
            <Text>{`${entry.plannedDay} ${MEETING_TYPE_LABELS[entry.type]}${entry.topic ? `｜${entry.topic}` : ''}`}</Text>
            <Text className='choice' {...aria('button', `修改 ${entry.plannedDay} ${MEETING_TYPE_LABELS[entry.type]}`)} onClick={() => setEditing(index)}>
              修改
            </Text>
          </View>
        ),
      )}
    </PageRoot>
  );
}
