import { Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COMPARATORS, FEATURES, FEATURE_KEYS, METRICS, feedbackApi, type FeatureKey, type MetricKey, type Rule, type RuleAction, type RuleInput } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { call, messageOf } from '../../../services/api';
import { useRules } from '../../data';
import { ruleText } from '../../labels';
import { PageRoot } from '../../../components/page-root';
import '../../feedback.css';

interface Choice<T> {
  value: T;
  label: string;
}

const FEATURE_CHOICES: Choice<FeatureKey | '*'>[] = [{ value: '*', label: '所有功能' }, ...FEATURE_KEYS.map((value) => ({ value, label: FEATURES[value] }))];
const METRIC_CHOICES: Choice<MetricKey>[] = (Object.keys(METRICS) as MetricKey[]).map((value) => ({ value, label: METRICS[value].label }));
const COMPARATOR_CHOICES: Choice<RuleInput['comparator']>[] = COMPARATORS.map((value) => ({ value, label: value }));
const WINDOW_CHOICES: Choice<'hour' | 'day'>[] = [
  { value: 'hour', label: '小时' },
  { value: 'day', label: '天' },
];
const GROUP_CHOICES: Choice<RuleInput['groupBy']>[] = [
  { value: 'all', label: '全体' },
  { value: 'category', label: '按党员类别' },
  { value: 'branch', label: '按支部' },
];
const ACTION_CHOICES: Choice<RuleAction['type']>[] = [
  { value: 'pause', label: '自动暂停并通知管理员' },
  { value: 'disable', label: '建议对该群体关闭' },
  { value: 'step-up', label: '建议提高开放比例' },
  { value: 'hide-from-home', label: '建议移出该类别首页' },
];

function Select<T>({ label, choices, value, onChange }: { label: string; choices: Choice<T>[]; value: T; onChange: (value: T) => void }) {
  const index = Math.max(0, choices.findIndex((choice) => choice.value === value));
  return (
    <View>
      <Text className='fb-field-label'>{label}</Text>
      <Picker mode='selector' range={choices.map((choice) => choice.label)} value={index} onChange={(event) => onChange(choices[Number(event.detail.value)]!.value)}>
        <View className='fb-picker' {...aria('button', `${label}：${choices[index]!.label}`)}>
          <Text>{`${choices[index]!.label} ▾`}</Text>
        </View>
      </Picker>
    </View>
  );
}

function NumberField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <View>
      <Text className='fb-field-label'>{label}</Text>
      <Input className='fb-input' type='digit' value={value} aria-label={label} onInput={(event) => onChange(event.detail.value)} />
    </View>
  );
}

function RuleForm({ onSaved }: { onSaved: () => void }) {
  const [name, setName] = useState('');
  const [feature, setFeature] = useState<FeatureKey | '*'>('*');
  const [metric, setMetric] = useState<MetricKey>('error-rate');
  const [comparator, setComparator] = useState<RuleInput['comparator']>('>');
  const [threshold, setThreshold] = useState('5');
  const [unit, setUnit] = useState<'hour' | 'day'>('hour');
  const [size, setSize] = useState('1');
  const [minSample, setMinSample] = useState('50');
  const [groupBy, setGroupBy] = useState<RuleInput['groupBy']>('all');
  const [actionType, setActionType] = useState<RuleAction['type']>('pause');
  const [percent, setPercent] = useState('50');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = () => {
    setSaving(true);
    setError(null);
    const action: RuleAction = actionType === 'step-up' ? { type: 'step-up', percent: Number(percent) } : { type: actionType };
    const body: RuleInput = { name, feature, metric, comparator, threshold: Number(threshold), window: { unit, size: Number(size) }, minSample: Number(minSample), groupBy, action, enabled: true };
    call(feedbackApi.createRule, { body }).then(onSaved, (reason: unknown) => {
      setError(messageOf(reason));
      setSaving(false);
    });
  };

  return (
    <View className='card'>
      <Text className='fb-field-label'>规则名称</Text>
      <Input className='fb-input' value={name} aria-label='规则名称' maxlength={40} placeholder='例如：党费错误率过高' onInput={(event) => setName(event.detail.value)} />
      <Select label='功能' choices={FEATURE_CHOICES} value={feature} onChange={setFeature} />
      <Select label='指标' choices={METRIC_CHOICES} value={metric} onChange={setMetric} />
      <Select label='比较' choices={COMPARATOR_CHOICES} value={comparator} onChange={setComparator} />
      <NumberField label='阈值（错误率按 %）' value={threshold} onChange={setThreshold} />
      <Select label='统计窗口单位' choices={WINDOW_CHOICES} value={unit} onChange={setUnit} />
      <NumberField label='统计窗口长度' value={size} onChange={setSize} />
      <NumberField label='最小样本量（样本不足不触发）' value={minSample} onChange={setMinSample} />
      <Select label='分组' choices={GROUP_CHOICES} value={groupBy} onChange={setGroupBy} />
      <Select label='触发后' choices={ACTION_CHOICES} value={actionType} onChange={setActionType} />
      {actionType === 'step-up' ? <NumberField label='提高到（%）' value={percent} onChange={setPercent} /> : null}
      <ErrorBanner message={error} />
      <ActionButton label={saving ? '正在保存…' : '保存规则'} disabled={saving} onTap={save} />
    </View>
  );
}

function RuleCard({ rule, onChanged }: { rule: Rule; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const run = (work: Promise<unknown>) => work.then(onChanged, (reason: unknown) => setError(messageOf(reason)));
  const { id: _id, createdAt: _created, updatedAt: _updated, lastEvaluatedAt: _evaluated, ...input } = rule;
  return (
    <View className='card'>
      <View className='fb-row'>
        <Text className='card-title'>{rule.name}</Text>
        <Text className={`fb-status${rule.enabled ? '' : ' fb-status--off'}`}>{rule.enabled ? '启用中' : '已停用'}</Text>
      </View>
      <Text className='fb-figures'>{ruleText(rule)}</Text>
      <ErrorBanner message={error} />
      <ActionButton
        label={rule.enabled ? '停用' : '启用'}
        variant='secondary'
        onTap={() => void run(call(feedbackApi.updateRule, { params: { ruleId: rule.id }, body: { ...input, enabled: !rule.enabled } }))}
      />
      <ActionButton label='删除' variant='secondary' onTap={() => void run(call(feedbackApi.deleteRule, { params: { ruleId: rule.id } }))} />
    </View>
  );
}

/** The rules over the metrics: guardrails that pause at once, and rules that propose changes with evidence. */
export default function RulesPage() {
  const { data, error, loading, reload } = useRules();
  const [creating, setCreating] = useState(false);
  const [evaluating, setEvaluating] = useState<string | null>(null);
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        调整规则
      </Text>
      <Text className='hint'>规则每 5 分钟评估一次；样本量不足时不会触发。</Text>
      <ActionButton label={creating ? '收起' : '新建规则'} variant='secondary' onTap={() => setCreating(!creating)} />
      {creating ? (
        <RuleForm
          onSaved={() => {
            setCreating(false);
            reload();
          }}
        />
      ) : null}
      <ActionButton
        label='立即评估全部规则'
        variant='secondary'
        onTap={() =>
          void call(feedbackApi.evaluateNow).then(
            (result) => setEvaluating(`已评估 ${result.rules} 条规则：自动暂停 ${result.paused.length} 个功能，新的或更新的建议 ${result.proposed} 条`),
            (reason: unknown) => setEvaluating(messageOf(reason)),
          )
        }
      />
      {evaluating ? <Text className='hint' {...aria('status')}>{evaluating}</Text> : null}
      {loading ? <LoadingText /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      {data?.map((rule) => <RuleCard key={`${rule.id}@${rule.updatedAt}`} rule={rule} onChanged={reload} />)}
    </PageRoot>
  );
}
