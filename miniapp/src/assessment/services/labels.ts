import type { CommitteeView, IndexPoint } from '@shared/api';
import { beijingParts, pad } from '../../services/beijing-time';

/** Words for the committee's figures: an index with the share of its weight that had data, or why there is none. */
export function indexText(label: string, score: number | undefined, coverage: number): string {
  if (score === undefined) return `${label}：暂无数据`;
  const share = Math.round(coverage * 100);
  return share < 100 ? `${label} ${score}（数据覆盖 ${share}%）` : `${label} ${score}`;
}

export const pointText = (point: IndexPoint) => `${indexText('党建', point.party, point.partyCoverage)}；${indexText('经营', point.business, point.businessCoverage)}`;

/** The current year in Beijing time. */
export const beijingYear = (now = new Date()): string => String(beijingParts(now.getTime()).year);

/** The quarter (`YYYY-Qn`) now, in Beijing time. */
export function currentQuarter(now = new Date()): string {
  const t = beijingParts(now.getTime());
  return `${t.year}-Q${Math.floor((t.month - 1) / 3) + 1}`;
}

/** The first instant after a quarter, Beijing midnight, as UTC ISO text. */
export function quarterEnd(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(6));
  return new Date(Date.UTC(year, quarter * 3, 1) - 8 * 3_600_000).toISOString();
}

/** "2026-12-05 09:30" in Beijing time. */
export function beijingTimeText(instant: string): string {
  const t = beijingParts(instant);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/**
 * When a unit's figures in the committee's view were counted (Beijing time), and whether a change since is still
 * being scored in; "尚未统计" for a unit the snapshot job has not counted yet (its indices are unknown, not zero).
 */
export function snapshotText(unit: Pick<CommitteeView['units'][number], 'snapshot' | 'missingReason'>): string {
  if (!unit.snapshot) return unit.missingReason ?? '尚未统计';
  const counted = `统计于 ${beijingTimeText(unit.snapshot.countedAt)}（北京时间）`;
  return unit.snapshot.stale ? `${counted}，有新导入的数据或评分，正在重新计算` : counted;
}
