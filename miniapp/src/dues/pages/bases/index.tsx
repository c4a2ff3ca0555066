import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { BASE_KIND_LABELS, DUES_BASE_KINDS, FIXED_CLASSES, FIXED_CLASS_LABELS, duesApi, formatYuan, parseYuan, type DuesBaseKind, type FixedClass } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { ApiError, call } from '../../../services/api';
import { BranchPicker } from '../../components/branch-picker';
import { Choices } from '../../components/choices';
import { useAction } from '../../hooks/use-action';
import { useBranchRoster } from '../../hooks/use-branch';
import { isFinance } from '../../hooks/staff';
import { PageRoot } from '../../../components/page-root';
import '../../dues.css';

const CSV_TEMPLATE = '账号,起始月份,基数类型,月基数（元）,定额类别,备注\n';

/** Monthly bases: set once a year by finance, one by one or from a CSV file; secretaries can look. */
export default function BasesPage() {
  const member = useRequiredMember();
  const branch = useBranchRoster(member);
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<DuesBaseKind>('wage');
  const [fixedClass, setFixedClass] = useState<FixedClass>('low-income');
  const [yuan, setYuan] = useState('');
  const [effectiveMonth, setEffectiveMonth] = useState(`${branch.year}-01`);
  const [csv, setCsv] = useState(CSV_TEMPLATE);
  const [done, setDone] = useState<string | null>(null);
  const [csvProblems, setCsvProblems] = useState<string[]>([]);
  const save = useAction(
    async () => {
      const baseFen = kind === 'fixed' ? undefined : parseYuan(yuan);
      if (kind !== 'fixed' && baseFen === undefined) throw new ApiError('VALIDATION_FAILED', '月基数应为金额（元），最多两位小数，不能为负数', 400);
      return call(duesApi.setBase, { params: { userId }, body: { effectiveMonth, kind, ...(kind === 'fixed' ? { fixedClass } : { baseFen }) } });
    },
    (reply) => {
      setDone(`已保存：${reply.base.name} 每月应缴 ${formatYuan(reply.base.monthlyFen)} 元`);
      branch.roster.reload();
    },
  );
  const upload = useAction(
    async () => {
      setCsvProblems([]);
      try {
        return await call(duesApi.importBases, { body: csv });
      } catch (error) {
        if (error instanceof ApiError) setCsvProblems(error.details.map((detail) => detail.message));
        throw error;
      }
    },
    (reply) => {
      setDone(`已导入 ${reply.imported} 人的基数`);
      branch.roster.reload();
    },
  );
  if (!member) return null;
  const finance = isFinance(member);

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {`${branch.year}年党费基数`}
      </Text>
      <BranchPicker enabled={branch.canSwitch} branchId={branch.branchId} onPick={branch.setBranchId} />
      {branch.roster.loading ? <LoadingText /> : null}
      <ErrorBanner message={branch.roster.error} onRetry={branch.roster.reload} />
      {branch.roster.data?.missing.length ? (
        <Text className='hint dues-flag'>{`尚未核定基数（${branch.roster.data.missing.length} 人）：${branch.roster.data.missing.map((person) => person.name).join('、')}`}</Text>
      ) : null}
      {branch.roster.data?.bases.map((base) => (
        <View key={base.userId} className='card'>
          <View className='dues-row'>
            <Text className='card-title'>{base.name}</Text>
            <Text className='dues-amount'>{`${formatYuan(base.monthlyFen)} 元/月`}</Text>
          </View>
          <Text className='card-summary'>
            {`${BASE_KIND_LABELS[base.kind]}${base.kind === 'fixed' ? `（${FIXED_CLASS_LABELS[base.fixedClass ?? 'low-income']}）` : ` ${formatYuan(base.baseFen ?? 0)} 元`}，自 ${base.effectiveMonth} 起`}
          </Text>
        </View>
      ))}
      {finance ? (
        <View>
          <Text className='section-title'>设置一名党员的基数</Text>
          <Choices options={branch.people} chosen={[userId]} onToggle={setUserId} />
          <Choices options={DUES_BASE_KINDS.map((value) => ({ value, label: BASE_KIND_LABELS[value] }))} chosen={[kind]} onToggle={setKind} />
          {kind === 'fixed' ? (
            <Choices options={FIXED_CLASSES.map((value) => ({ value, label: FIXED_CLASS_LABELS[value] }))} chosen={[fixedClass]} onToggle={setFixedClass} />
          ) : (
            <View className='field'>
              <Text className='field__label'>月基数（元，税后固定工资或实领基本养老金）</Text>
              <Input className='field__input' type='digit' value={yuan} aria-label='月基数' onInput={(e) => setYuan(e.detail.value)} />
            </View>
          )}
          <View className='field'>
            <Text className='field__label'>起始月份（YYYY-MM）</Text>
            <Input className='field__input' value={effectiveMonth} aria-label='起始月份' onInput={(e) => setEffectiveMonth(e.detail.value)} />
          </View>
          <ErrorBanner message={save.error} />
          <ActionButton label='保存基数' disabled={save.busy || userId === ''} onTap={() => save.run()} />
          <Text className='section-title'>导入基数表（CSV）</Text>
          <Text className='hint'>第一行为表头；有任何一行出错时不会导入任何数据，并逐行说明原因。</Text>
          <Textarea className='field__input field__textarea' value={csv} maxlength={-1} aria-label='基数表内容' onInput={(e) => setCsv(e.detail.value)} />
          <ErrorBanner message={upload.error} />
          {csvProblems.map((problem) => (
            <Text key={problem} className='hint dues-flag'>
              {problem}
            </Text>
          ))}
          <ActionButton label='导入' disabled={upload.busy} onTap={() => upload.run()} />
        </View>
      ) : null}
      {done ? <Text className='dues-ok'>{done}</Text> : null}
    </PageRoot>
  );
}
