import { DIMENSION_LABELS, type UnitDetail } from '../../shared/api/assessment';
import { csvFilename, toCsv, type Cell } from '../../shared/runtime/csv-file';
import { yearDetails } from './assessment-view';

/**
 * The committee's CSV: one line per unit, period and indicator (the two indices first), with the raw value, the
 * score, why a score is missing, the evidence and the evaluator's own score and comment.
 */
export function detailsCsv(details: readonly UnitDetail[]): string {
  const header = ['单位编码', '单位名称', '考核期', '指标编码', '指标名称', '维度', '原始值', '计量单位', '得分（0–100）', '缺失说明', '依据', '第三方评分', '第三方评语'];
  const rows: Cell[][] = [header];
  const coverage = (share: number) => `已有数据的权重占 ${Math.round(share * 100)}%`;
  for (const detail of details) {
    const base = [detail.unitCode, detail.unitName, detail.period];
    rows.push([...base, 'party-index', '党建工作指数', DIMENSION_LABELS.party, '', '', detail.point.party ?? '', detail.point.party === undefined ? '没有任何党建指标数据' : '', coverage(detail.point.partyCoverage), '', '']);
    rows.push([...base, 'business-index', '经营绩效指数', DIMENSION_LABELS.business, '', '', detail.point.business ?? '', detail.point.business === undefined ? '没有任何经营指标数据' : '', coverage(detail.point.businessCoverage), '', '']);
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
      ]);
    }
  }
  return toCsv(rows);
}

export async function exportCsv(year: string, now = new Date()): Promise<{ filename: string; csv: string }> {
  const { details } = await yearDetails(year, now);
  return { filename: csvFilename('党建考核与经营绩效', year), csv: detailsCsv(details) };
}
