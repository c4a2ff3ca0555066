import { Image, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { assessmentApi, type CommitteeView } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { ASSESSMENT_ROUTES, withQuery } from '../../../routes';
import { call, messageOf } from '../../../services/api';
import { saveCsv } from '../../../services/save-csv';
import { savePdf } from '../../../services/save-pdf';
import { BUSINESS_COLOUR, PARTY_COLOUR, scatterChart, trendChart, unitColour } from '../../services/charts';
import { beijingYear, pointText, snapshotText } from '../../services/labels';
import '../../assessment.css';

type Unit = CommitteeView['units'][number];

/** The latest period in which a unit has both indices (the scatter's point). */
const latestBoth = (unit: Unit) => [...unit.points].reverse().find((point) => point.party !== undefined && point.business !== undefined);

/**
 * The committee's view: each bureau's party-work index beside its business index over the year's periods (trend
 * lines), all units in one scatter, and each unit's figures with the drill-down to the evidence. Units are
 * organisations with their scores — never a leaderboard of people.
 */
export default function CommitteePage() {
  const member = useRequiredMember();
  const [year, setYear] = useState(beijingYear());
  const view = useAsync(() => call(assessmentApi.committeeView, { query: { year } }), member !== null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!member) return null;
  const isAdmin = member.roles.includes('admin');
  const years = [String(Number(beijingYear()) - 1), beijingYear()];
  const bureaus = view.data?.units.filter((unit) => unit.kind === 'company') ?? [];
  const scattered = (view.data?.units ?? []).map((unit) => ({ name: unit.unitName, ...latestBoth(unit) }));

  /** Runs an action that answers with a line to show (an export saved, a recount started), or shows its error. */
  const runAction = async (save: () => Promise<string>) => {
    try {
      setNotice(await save());
    } catch (error) {
      setNotice(messageOf(error));
    }
  };

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        党建考核与经营绩效
      </Text>
      <Picker mode='selector' range={years} aria-label='切换年度' onChange={(e) => { setYear(years[Number(e.detail.value)]!); view.reload(); }}>
        <Text className='field__picker-value'>{`${year} 年度（点击切换）`}</Text>
      </Picker>
      {view.loading ? <LoadingText /> : null}
      <ErrorBanner message={view.error} onRetry={view.reload} />
      {notice ? <Text className='as-done'>{notice}</Text> : null}
      {view.data ? (
        <View>
          <Text className='section-title'>各林业局两项指数走势</Text>
          <View className='as-legend'>
            <Text><Text className='as-swatch' style={{ backgroundColor: PARTY_COLOUR }} />党建工作指数（实线）</Text>
            <Text><Text className='as-swatch' style={{ backgroundColor: BUSINESS_COLOUR }} />经营绩效指数（虚线）</Text>
          </View>
          {bureaus.map((bureau) => (
            <View key={bureau.unitCode} className='card'>
              <Text className='card-title'>{bureau.unitName}</Text>
              <Text className='hint'>{snapshotText(bureau)}</Text>
              <Image className='as-chart' src={trendChart(bureau.points)} mode='aspectFit' aria-label={`${bureau.unitName}两项指数走势图`} />
              {bureau.points.map((point) => (
                <Text key={point.period} className='as-figures'>{`${point.period}：${pointText(point)}`}</Text>
              ))}
            </View>
          ))}
          <Text className='section-title'>党建工作指数与经营绩效指数（最近一期）</Text>
          <Image className='as-chart' src={scatterChart(scattered)} mode='aspectFit' aria-label='党建工作指数与经营绩效指数散点图' />
          <Text className='hint'>横轴：党建工作指数；纵轴：经营绩效指数</Text>
          <View className='as-legend'>
            {scattered.map((unit, index) =>
              unit.party !== undefined ? (
                <Text key={unit.name}><Text className='as-swatch' style={{ backgroundColor: unitColour(index) }} />{unit.name}</Text>
              ) : null,
            )}
          </View>
          <Text className='section-title'>各单位得分（点击查看依据）</Text>
          {view.data.units.map((unit) => {
            const latest = unit.points.at(-1);
            return (
              <View
                key={unit.unitCode}
                className='card'
                {...aria('link', `${unit.unitName}考核依据`)}
                onClick={() => latest && void Taro.navigateTo({ url: withQuery(ASSESSMENT_ROUTES.unit, { unitCode: unit.unitCode, period: latest.period }) })}
              >
                <Text className='card-title'>{unit.unitName}</Text>
                <Text className='as-figures'>{latest ? `${latest.period}：${pointText(latest)}` : unit.missingReason ?? '本年度考核期尚未开始'}</Text>
                {unit.snapshot ? <Text className='hint'>{snapshotText(unit)}</Text> : null}
              </View>
            );
          })}
          <ActionButton label='导出各林业局考核表（CSV）' variant='secondary' onTap={() => void runAction(async () => saveCsv(await call(assessmentApi.exportCsv, { query: { year } })))} />
          <ActionButton label='打印各林业局报告（PDF）' variant='secondary' onTap={() => void runAction(async () => savePdf(await call(assessmentApi.exportPdf, { query: { year } })))} />
        </View>
      ) : null}
      <Text className='section-title'>考核管理</Text>
      {isAdmin ? <ActionButton label='指标方案' variant='secondary' onTap={() => void Taro.navigateTo({ url: ASSESSMENT_ROUTES.scheme })} /> : null}
      {isAdmin ? (
        <ActionButton
          label='重新统计各单位得分'
          variant='secondary'
          onTap={() => void runAction(async () => {
            const run = await call(assessmentApi.recountSnapshots, { body: { year } });
            return `已开始重新统计 ${year} 年度（${run.total} 组），完成后刷新即可看到`;
          })}
        />
      ) : null}
      {isAdmin ? <ActionButton label='导入经营数据' variant='secondary' onTap={() => void Taro.navigateTo({ url: ASSESSMENT_ROUTES.import })} /> : null}
      <ActionButton label='党员满意度结果' variant='secondary' onTap={() => void Taro.navigateTo({ url: ASSESSMENT_ROUTES.surveys })} />
      <ActionButton label='评分与修改记录' variant='secondary' onTap={() => void Taro.navigateTo({ url: withQuery(ASSESSMENT_ROUTES.audit, { year }) })} />
    </PageRoot>
  );
}
