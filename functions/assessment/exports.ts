import { DIMENSION_LABELS, type UnitDetail } from '../../shared/api/assessment';
import type { OrgUnit } from '../../shared/api/identity-model';
import { csvFilename, toCsv, type Cell } from '../../shared/runtime/csv-file';
import { NOT_COUNTED, yearDetails } from './assessment-view';
import { shanghaiMinute } from '../../shared/runtime/shanghai-time';

/**
 * The committee's CSV: one line per unit, period and indicator (the two indices first), with the raw value, the
 * score, why a score is missing, the evidence, the evaluator's own score and comment, and when the platform figures
 * were counted; a unit the snapshot job has not counted yet is one line saying so.
 */
export function detailsCsv(details: readonly UnitDetail[], notCounted: readonly OrgUnit[] = []): string {
  const header = ['单位编码', '单位名称', '考核期', '指标编码', '指标名称', '维度', '原始值', '计量单位', '得分（0–100）', '缺失说明', '依据', '第三方评分', '第三方评语', '平台数据统计时间（北京时间）'];
  const rows: Cell[][] = [header];
  const coverage = (share: number) => `已有数据的权重占 ${Math.round(share * 100)}%`;
  for (const detail of details) {
    const base = [detail.unitCode, detail.unitName, detail.period];
    const counted = detail.countedAt ? shanghaiMinute(detail.countedAt) : '';
    rows.push([...base, 'party-index', '党建工作指数', DIMENSION_LABELS.party, '', '', detail.point.party ?? '', detail.point.party === undefined ? '没有任何党建指标数据' : '', coverage(detail.point.partyCoverage), '', '', counted]);
    rows.push([...base, 'business-index', '经营绩效指数', DIMENSION_LABELS.business, '', '', detail.point.business ?? '', detail.point.business === undefined ? '没有任何经营指标数据' : '', coverage(detail.point.businessCoverage), '', '', counted]);
    for (const indicator of detail.indicators) {
      rows.push([
        ...base,
        indicator.code,
        indicator.name,
        DIMENSION_LABELS[indicator.dimension],
        indicator.value ?? '',
        indicator.unit,
        indicator.score ?? '',
        indicator.missingReason ?? '',
        indicator.evidence,
        indicator.evaluation?.score ?? '',
        indicator.evaluation?.comment ?? '',
        counted,
      ]);
    }
  }
  for (const unit of notCounted) rows.push([unit.id, unit.name, '', '', '', '', '', '', '', NOT_COUNTED, '', '', '', '']);
  return toCsv(rows);
}

export async function exportCsv(year: string, unitCode?: string): Promise<{ filename: string; csv: string }> {
  const { scope, details, notCounted } = await yearDetails(year, unitCode);
  return { filename: csvFilename('党建考核与经营绩效', ...(scope ? [scope.name] : ['各林业局']), year), csv: detailsCsv(details, notCounted) };
}
