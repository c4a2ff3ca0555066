import { Input, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { assessmentApi, DIMENSION_LABELS, DIRECTION_LABELS, SOURCES, type Indicator } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { ApiError, call, messageOf } from '../../../services/api';
import { Choice } from '../../components/choice';
import { beijingYear } from '../../services/labels';
import { EMPTY_DRAFT, SOURCE_LABELS, indicatorOf, type IndicatorDraft } from '../../services/scheme-draft';
import '../../assessment.css';

/** A year's scheme, or none yet (404), and the version it is at. */
async function loadScheme(year: string) {
  try {
    return await call(assessmentApi.getScheme, { query: { year } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function Field({ label, value, onInput, placeholder }: { label: string; value: string; onInput: (value: string) => void; placeholder?: string }) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Input className='field__input' value={value} placeholder={placeholder ?? label} aria-label={label} onInput={(e) => onInput(e.detail.value)} />
    </View>
  );
}

/**
 * The admin's scheme for a year: start from last year's, change weights, add or remove indicators, save as a new
 * version. Once the year's first period has begun the scheme is frozen and shown read-only. The server refuses
 * indicators that measure process traces (logins, likes, online time…) and says why.
 */
export default function SchemePage() {
  const member = useRequiredMember();
  const years = [beijingYear(), String(Number(beijingYear()) + 1)];
  const [year, setYear] = useState(years[1]!);
  const scheme = useAsync(() => loadScheme(year), member !== null);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [draft, setDraft] = useState<IndicatorDraft>(EMPTY_DRAFT);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setIndicators(scheme.data?.indicators ?? []), [scheme.data]);
  if (!member) return null;
  const frozen = scheme.data?.frozen ?? false;
  const groups = indicators.filter((indicator) => indicator.source === 'group' && indicator.dimension === draft.dimension);

  const startFromLastYear = async () => {
    try {
      const previous = await call(assessmentApi.getScheme, { query: { year: String(Number(year) - 1) } });
      setIndicators(previous.indicators);
      setMessage(`已载入 ${Number(year) - 1} 年度方案，修改后请保存`);
    } catch (reason) {
      setError(messageOf(reason));
    }
  };
  const addIndicator = () => {
    const outcome = indicatorOf(draft);
    if ('problem' in outcome) return setError(outcome.problem);
    setIndicators([...indicators.filter((indicator) => indicator.code !== outcome.indicator.code), outcome.indicator]);
    setDraft(EMPTY_DRAFT);
    setError(null);
    setMessage(`已加入指标「${outcome.indicator.name}」，保存后生效`);
  };
  const save = async () => {
    setError(null);
    try {
      const saved = await call(assessmentApi.saveScheme, { body: { year, indicators, expectedVersion: scheme.data?.version ?? 0 } });
      setMessage(`已保存 ${year} 年度方案第 ${saved.version} 版`);
      scheme.reload();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        考核指标方案
      </Text>
      <Choice label='年度' options={years.map((value) => ({ value, text: `${value} 年度` }))} value={year} onChange={(value) => { setYear(value); setMessage(null); scheme.reload(); }} />
      {scheme.loading ? <LoadingText /> : null}
      <ErrorBanner message={scheme.error} onRetry={scheme.reload} />
      <ErrorBanner message={error} />
      {message ? <Text className='as-done'>{message}</Text> : null}
      {scheme.data ? (
        <Text className='hint'>{`第 ${scheme.data.version} 版，${scheme.data.savedBy} 保存${frozen ? '；考核期已开始，方案已冻结' : ''}`}</Text>
      ) : !scheme.loading ? (
        <View>
          <Text className='hint'>{`${year} 年度还没有指标方案`}</Text>
          <ActionButton label={`以 ${Number(year) - 1} 年度方案为基础新建`} variant='secondary' onTap={() => void startFromLastYear()} />
        </View>
      ) : null}
      {indicators.map((indicator) => (
        <View key={indicator.code} className='card'>
          <Text className='card-title'>{`${indicator.parent ? '· ' : ''}${indicator.name}`}</Text>
          <Text className='as-evidence'>{`${DIMENSION_LABELS[indicator.dimension]} · ${SOURCE_LABELS[indicator.source]} · 权重 ${indicator.weight}${indicator.source === 'group' ? '' : ` · ${DIRECTION_LABELS[indicator.direction]}，${indicator.worst}${indicator.unit} 计 0 分，${indicator.best}${indicator.unit} 计满分`}`}</Text>
          <Text className='as-evidence'>{indicator.definition}</Text>
          {!frozen ? (
            <ActionButton label={`删除指标${indicator.name}`} variant='secondary' onTap={() => setIndicators(indicators.filter((other) => other.code !== indicator.code && other.parent !== indicator.code))}>
              删除
            </ActionButton>
          ) : null}
        </View>
      ))}
      {!frozen && indicators.length > 0 ? (
        <View>
          <Text className='section-title'>新增指标</Text>
          <Field label='指标名称' value={draft.name} onInput={(name) => setDraft({ ...draft, name })} />
          <Field label='指标编码' value={draft.code} placeholder='如 biz-forest-economy' onInput={(code) => setDraft({ ...draft, code })} />
          <Choice label='维度' options={(['party', 'business'] as const).map((value) => ({ value, text: DIMENSION_LABELS[value] }))} value={draft.dimension} onChange={(dimension) => setDraft({ ...draft, dimension, parent: '', source: dimension === 'business' ? 'import' : 'evaluation' })} />
          <Choice label='上级指标组' options={[{ value: '', text: '无' }, ...groups.map((group) => ({ value: group.code, text: group.name }))]} value={draft.parent} onChange={(parent) => setDraft({ ...draft, parent })} />
          <Choice
            label='数据来源'
            options={SOURCES.filter((source) => (draft.dimension === 'business' ? !source.startsWith('platform:') : source !== 'import')).map((value) => ({ value, text: SOURCE_LABELS[value] }))}
            value={draft.source}
            onChange={(source) => setDraft({ ...draft, source })}
          />
          <Choice label='方向' options={(['higher', 'lower'] as const).map((value) => ({ value, text: DIRECTION_LABELS[value] }))} value={draft.direction} onChange={(direction) => setDraft({ ...draft, direction })} />
          <Field label='计量单位' value={draft.unit} placeholder='如 万元、起、公顷、%' onInput={(unit) => setDraft({ ...draft, unit })} />
          <Field label='0 分值' value={draft.worst} onInput={(worst) => setDraft({ ...draft, worst })} />
          <Field label='满分值' value={draft.best} onInput={(best) => setDraft({ ...draft, best })} />
          <Field label='权重' value={draft.weight} onInput={(weight) => setDraft({ ...draft, weight })} />
          <View className='field'>
            <Text className='field__label'>指标定义</Text>
            <Textarea className='field__input field__textarea' value={draft.definition} placeholder='指标定义：衡量什么结果、怎样计算' aria-label='指标定义' onInput={(e) => setDraft({ ...draft, definition: e.detail.value })} />
          </View>
          <ActionButton label='加入方案' variant='secondary' onTap={addIndicator} />
          <ActionButton label='保存方案' onTap={() => void save()} />
        </View>
      ) : null}
    </PageRoot>
  );
}
