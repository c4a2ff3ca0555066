import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { assessmentApi } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { PageRoot } from '../../../components/page-root';
import { useRequiredMember } from '../../../hooks/use-session';
import { ApiError, call, messageOf } from '../../../services/api';
import '../../assessment.css';

const EXAMPLE = '单位编码,考核期,指标编码,数值\nsongling,2026-Q4,biz-output-value,3200';

/**
 * Business results from the group's systems, pasted as CSV (docs/assessment-import.md): unit code, period,
 * indicator code, value. A file with a bad row imports nothing and lists every bad row in plain words.
 */
export default function ImportPage() {
  const member = useRequiredMember();
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<string[]>([]);
  if (!member) return null;

  const send = async () => {
    setDone(null);
    setError(null);
    setRows([]);
    try {
      const result = await call(assessmentApi.importResultsCsv, { body: text });
      setDone(`已导入 ${result.imported} 行：${result.changed} 行有变化，${result.unchanged} 行与原值相同`);
    } catch (reason) {
      setError(messageOf(reason));
      if (reason instanceof ApiError) setRows((reason.details ?? []).map((detail) => detail.message));
    }
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        导入经营数据
      </Text>
      <Text className='hint'>{`每行一个数值：单位编码、考核期（如 2026-Q4）、指标编码、数值。第一行为表头，例如：\n${EXAMPLE}`}</Text>
      <View className='field'>
        <Textarea className='field__input field__textarea' value={text} maxlength={-1} placeholder='把 CSV 内容粘贴到这里' aria-label='经营数据 CSV' onInput={(e) => setText(e.detail.value)} />
      </View>
      <ActionButton label='导入' disabled={text.trim() === ''} onTap={() => void send()} />
      {done ? <Text className='as-done'>{done}</Text> : null}
      <ErrorBanner message={error} />
      {rows.map((row) => (
        <Text key={row} className='as-missing'>{row}</Text>
      ))}
    </PageRoot>
  );
}
