import { RECORD_EVENT_LABELS, type RecordChainEntry } from '@shared/api';
import { beijingParts, pad } from '../../services/beijing-time';
import { stepLabel } from './labels';

/** `2026-05-10T03:04:00Z` → `2026-05-10 11:04` (Asia/Shanghai). */
export function shanghaiDateTime(iso: string): string {
  const t = beijingParts(iso);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** What a chain entry says, in one line: the step and its date, or the transfer's ends and outcome. */
export function entryTitle(entry: RecordChainEntry): string {
  if (entry.event === 'step' && entry.step) return `${stepLabel(entry.step.kind)}（${entry.step.date}）`;
  return RECORD_EVENT_LABELS[entry.event];
}

export function entryDetail(entry: RecordChainEntry): string {
  const { transfer, step } = entry;
  if (transfer) {
    const route = `${transfer.fromName} → ${transfer.toName}`;
    if (entry.event === 'transfer-requested') return `${route}，原因：${transfer.reason ?? '—'}`;
    if (entry.event === 'transfer-issued') return `${route}，介绍信第 ${transfer.letterNumber ?? '—'} 号`;
    if (entry.event === 'transfer-returned') return `${route}，退回理由：${transfer.returnReason ?? '—'}`;
    return `${route}，${transfer.receivedBy ?? transfer.toName} ${transfer.receivedOn ?? ''} 接收`.trim();
  }
  if (step) return step.basis;
  if (entry.standing) return `${entry.standing.stage === 'full' ? '正式党员' : '预备党员'}，${entry.standing.since} 起`;
  return entry.name ?? '';
}
