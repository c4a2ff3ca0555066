import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { assessmentApi, DIMENSION_LABELS, type IndicatorScore } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import { saveCsv } from '../../../services/save-csv';
import { savePdf } from '../../../services/save-pdf';
import { beijingTimeText, indexText } from '../../services/labels';
import '../../assessment.css';

/** This unit's year as files: a bureau's with each of its branches (the committee page exports the bureaus only). */
function UnitExports({ unitCode, year }: { unitCode: string; year: string }) {
  const [notice, setNotice] = useState<string | null>(null);
  const save = async (work: () => Promise<string>) => {
    try {
      setNotice(await work());
    } catch (failure) {
      setNotice(messageOf(failure));
    }
  };
  return (
    <View className='card'>
      <Text className='hint'>林业局的考核表和报告包含所属各支部。</Text>
      <ActionButton label='导出本单位考核表（CSV）' variant='secondary' onTap={() => void save(async () => saveCsv(await call(assessmentApi.exportCsv, { query: { year, unitCode } })))} />
      <ActionButton label='打印本单位报告（PDF）' variant='secondary' onTap={() => void save(async () => savePdf(await call(assessmentApi.exportPdf, { query: { year, unitCode } })))} />
      {notice ? <Text className='hint'>{notice}</Text> : null}
    </View>
  );
}

/** The evaluator's own score and comment for one indicator. */
function EvaluationForm({ unitCode, period, indicator, onSaved }: { unitCode: string; period: string; indicator: IndicatorScore; onSaved: () => void }) {
  const [score, setScore] = useState(indicator.evaluation ? String(indicator.evaluation.score) : '');
  const [comment, setComment] = useState(indicator.evaluation?.comment ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    const value = Number(score);
    if (score.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
      setMessage('请填写 0–100 的评分');
      return;
    }
    try {
      await call(assessmentApi.scoreIndicator, { body: { unitCode, period, indicatorCode: indicator.code, score: value, comment } });
      setMessage('评分已保存');
      onSaved();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  return (
    <View>
      <Input className='field__input' type='digit' value={score} placeholder='评分 0–100' aria-label={`${indicator.name}评分`} onInput={(e) => setScore(e.detail.value)} />
      <Input className='field__input' value={comment} placeholder='评语' aria-label={`${indicator.name}评语`} onInput={(e) => setComment(e.detail.value)} />
      <ActionButton label={`保存${indicator.name}评分`} variant='secondary' onTap={() => void save()} />
      {message ? <Text className='as-done'>{message}</Text> : null}
    </View>
  );
}

/**
 * One unit's period, indicator by indicator: the raw value and its score, or why there is none; the evidence
 * behind it; and the independent evaluator's own score and comment, which the evaluator enters here.
 */
export default function UnitPage() {
  const member = useRequiredMember();
  const { unitCode = '', period = '' } = useRouter().params;
  const detail = useAsync(() => call(assessmentApi.unitDetail, { query: { unitCode, period } }), member !== null);
  if (!member) return null;
  const isEvaluator = member.roles.includes('evaluator');
  const data = detail.data;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {data ? `${data.unitName} ${data.period}` : '考核依据'}
      </Text>
      {detail.loading ? <LoadingText /> : null}
      <ErrorBanner message={detail.error} onRetry={detail.reload} />
      {data ? (
        <View>
          <View className='card'>
            <Text className='as-figures'>{indexText('党建工作指数', data.point.party, data.point.partyCoverage)}</Text>
            <Text className='as-figures'>{indexText('经营绩效指数', data.point.business, data.point.businessCoverage)}</Text>
            <Text className='as-evidence'>{`按 ${data.period.slice(0, 4)} 年度指标方案第 ${data.schemeVersion} 版计算；缺少数据的指标不计为零分，只按有数据的指标加权`}</Text>
            {data.countedAt ? <Text className='as-evidence'>{`平台数据统计于 ${beijingTimeText(data.countedAt)}（北京时间）`}</Text> : null}
          </View>
          {(['party', 'business'] as const).map((dimension) => (
            <View key={dimension}>
              <Text className='section-title'>{DIMENSION_LABELS[dimension]}</Text>
              {data.indicators
                .filter((indicator) => indicator.dimension === dimension)
                .map((indicator) => (
                  <View key={indicator.code} className='card'>
                    <Text className='card-title'>{`${indicator.parent ? '· ' : ''}${indicator.name}（权重 ${indicator.weight}）`}</Text>
                    {indicator.score !== undefined ? (
                      <Text className='as-figures'>{`得分 ${indicator.score}${indicator.value !== undefined ? `，原始值 ${indicator.value} ${indicator.unit}` : ''}`}</Text>
                    ) : (
                      <Text className='as-missing'>{indicator.missingReason ?? '暂无数据'}</Text>
                    )}
                    <Text className='as-evidence'>{`依据：${indicator.evidence}`}</Text>
                    {indicator.evaluation ? (
                      <Text className='as-evidence'>{`第三方评分 ${indicator.evaluation.score}：${indicator.evaluation.comment || '（无评语）'}`}</Text>
                    ) : null}
                    {isEvaluator && indicator.source !== 'group' ? (
                      <EvaluationForm unitCode={data.unitCode} period={data.period} indicator={indicator} onSaved={detail.reload} />
                    ) : null}
                  </View>
                ))}
            </View>
          ))}
          <UnitExports unitCode={data.unitCode} year={data.period.slice(0, 4)} />
        </View>
      ) : null}
    </PageRoot>
  );
}
