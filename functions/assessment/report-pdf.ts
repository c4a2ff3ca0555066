import { DIMENSION_LABELS, type UnitDetail } from '../../shared/api/assessment';
import type { OrgUnit } from '../../shared/api/identity-model';
import { renderPdf, writeFields, writeTable } from '../../shared/documents/pdf';
import { NOT_COUNTED, yearDetails } from './assessment-view';
import { shanghaiMinute } from '../../shared/runtime/shanghai-time';

/**
 * The committee's printable report of a year: per unit, the two indices of every period (with the share of their
 * weight that had data), then the latest period's indicators with their scores, missing data stated, and evidence.
 * Units are organisations; no person is named or ranked.
 */
const scoreText = (score: number | undefined, coverage: number) => (score === undefined ? '暂无数据' : `${score}（数据覆盖 ${Math.round(coverage * 100)}%）`);

export function drawReport(year: string, schemeVersion: number, details: readonly UnitDetail[], notCounted: readonly OrgUnit[], printedAt: Date) {
  return renderPdf({ title: `${year} 年度党建考核与经营绩效报告`, author: '党委', createdAt: printedAt }, (doc) => {
    doc.fontSize(18).text(`${year} 年度党建考核与经营绩效报告`, { align: 'center' });
    doc.moveDown(0.5);
    writeFields(doc, [
      ['指标方案', `${year} 年度第 ${schemeVersion} 版`],
      ['说明', '指数为 0–100 分；缺少数据的指标不计为零分，只按有数据的指标加权，并注明数据覆盖的权重比例'],
    ]);
    doc.moveDown(0.5);
    const units = [...new Map(details.map((detail) => [detail.unitCode, detail.unitName])).entries()];
    doc.fontSize(13).text('各单位两项指数');
    writeTable(
      doc,
      ['单位', '考核期', '党建工作指数', '经营绩效指数'],
      [
        ...details.map((detail) => [detail.unitName, detail.period, scoreText(detail.point.party, detail.point.partyCoverage), scoreText(detail.point.business, detail.point.businessCoverage)]),
        ...notCounted.map((unit) => [unit.name, '—', NOT_COUNTED, NOT_COUNTED]),
      ],
      [0.34, 0.14, 0.26, 0.26],
    );
    for (const [unitCode, unitName] of units) {
      const latest = details.filter((detail) => detail.unitCode === unitCode).at(-1);
      if (!latest) continue;
      doc.addPage();
      doc.fontSize(14).text(`${unitName} · ${latest.period} 指标明细`);
      if (latest.countedAt) doc.fontSize(10).text(`平台数据统计于 ${shanghaiMinute(latest.countedAt)}（北京时间）`);
      doc.moveDown(0.3);
      writeTable(
        doc,
        ['维度', '指标', '权重', '得分', '依据或缺失说明', '第三方评分'],
        latest.indicators.map((indicator) => [
          DIMENSION_LABELS[indicator.dimension],
          indicator.name,
          String(indicator.weight),
          indicator.score === undefined ? '—' : String(indicator.score),
          indicator.missingReason ?? indicator.evidence,
          indicator.evaluation ? `${indicator.evaluation.score} ${indicator.evaluation.comment}` : '',
        ]),
        [0.1, 0.18, 0.08, 0.1, 0.36, 0.18],
      );
    }
  });
}

export async function exportPdf(year: string, unitCode?: string, now = new Date()): Promise<{ filename: string; pdfBase64: string }> {
  const { scheme, scope, details, notCounted } = await yearDetails(year, unitCode);
  const pdf = await drawReport(year, scheme.version, details, notCounted, now);
  return { filename: `党建考核与经营绩效-${scope ? `${scope.name}-` : '各林业局-'}${year}.pdf`, pdfBase64: pdf.toString('base64') };
}
