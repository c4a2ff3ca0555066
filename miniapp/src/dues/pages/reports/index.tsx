import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { duesApi, formatYuan, type Member } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { useAsync } from '../../../hooks/use-async';
import { useRequiredMember } from '../../../hooks/use-session';
import { DUES_ROUTES, withQuery } from '../../../routes';
import { call } from '../../../services/api';
import { Figures } from '../../components/figures';
import { useAction } from '../../hooks/use-action';
import { runProgressText, useJobRun } from '../../hooks/use-job-run';
import { beijingParts, pad } from '../../../services/beijing-time';
import { isFinance, shanghaiNow } from '../../hooks/staff';
import { deliverCsv } from '../../services/export';
import { PageRoot } from '../../../components/page-root';
import '../../dues.css';

function LedgerCheck({ member }: { member: Member }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const verify = useAction(
    () => call(duesApi.verifyLedger),
    (result) =>
      setMessage({
        ok: result.ok,
        text: result.ok ? `账本完整：共 ${result.count} 条记录，链接与哈希全部核对无误，并与 ${result.checkpointsChecked} 个已公布校验点一致` : `账本异常：${result.firstBroken?.message ?? ''}`,
      }),
  );
  const checkpoints = useAsync(() => call(duesApi.checkpoints).then((reply) => reply.checkpoints.slice(0, 3)), true);
  const anomalies = useAsync(() => call(duesApi.anomalies).then((reply) => reply.anomalies), isFinance(member));
  return (
    <View>
      <Text className='section-title'>账本核验</Text>
      <ActionButton label='核验整本账' disabled={verify.busy} onTap={() => verify.run()} />
      {verify.busy ? <LoadingText text='正在逐条重新计算哈希…' /> : null}
      <ErrorBanner message={verify.error} />
      {message ? <Text className={message.ok ? 'dues-ok' : 'dues-broken'} {...aria('status')}>{message.text}</Text> : null}
      {checkpoints.data?.map((checkpoint) => (
        <View key={checkpoint.day} className='card'>
          <InfoRow label='校验点' value={`${checkpoint.day} · ${checkpoint.count} 条`} />
          <Text className='dues-hash'>{checkpoint.headHash}</Text>
        </View>
      ))}
      {anomalies.data?.length ? <Text className='section-title'>待处理的支付异常</Text> : null}
      {anomalies.data?.map((anomaly) => (
        <View key={anomaly.id} className='card'>
          <InfoRow label='类型' value={{ 'amount-mismatch': '金额不符', 'unknown-order': '未知订单', 'bill-already-paid': '重复缴纳（需退款）', 'merchant-mismatch': '商户不符' }[anomaly.kind]} />
          <InfoRow label='金额' value={`${formatYuan(anomaly.receivedFen)} 元`} />
          <InfoRow label='微信支付单号' value={anomaly.transactionId} />
        </View>
      ))}
    </View>
  );
}

/** `2026-12-05T18:30:00Z` → `12月6日 02:30` (Asia/Shanghai). */
function countedAt(iso: string): string {
  const t = beijingParts(iso);
  return `${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)}`;
}

/** Collection per branch and year, the CSV for finance, the yearly public summary, and the ledger check. */
export default function ReportsPage() {
  const member = useRequiredMember();
  const { year, month } = shanghaiNow();
  const report = useAsync(() => call(duesApi.report, { query: { year } }), member !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const exportCsv = useAction(async () => {
    const { filename, csv } = await call(duesApi.exportReport, { query: { year } });
    return deliverCsv(filename, csv);
  }, setNotice);
  const billRun = useJobRun((run) =>
    setNotice(`${month} 账单${runProgressText(run)}：新建 ${run.counts.created ?? 0} 份，已有 ${run.counts.existing ?? 0} 份；尚未核定基数 ${run.listed?.length ?? 0} 人`),
  );
  const generate = useAction(() => call(duesApi.generateBills, { body: { month } }), billRun.follow);
  const reportRun = useJobRun((run) => {
    setNotice(`收缴报表重新统计${runProgressText(run)}`);
    report.reload();
  });
  const recount = useAction(() => call(duesApi.refreshReport, { body: { year } }), reportRun.follow);
  const running = [billRun.run, reportRun.run].find((run) => run?.status === 'running');
  const publish = useAction(
    () => call(duesApi.publishSummary, { body: { year } }),
    () => void Taro.navigateTo({ url: withQuery(DUES_ROUTES.summary, { year: String(year) }) }),
  );
  if (!member) return null;
  const finance = isFinance(member);

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {`${year}年收缴报表`}
      </Text>
      {report.data?.asOf ? <Text className='dues-hint'>{`统计时间：${countedAt(report.data.asOf)}（每天凌晨重新统计）`}</Text> : null}
      {report.data && finance && !report.data.asOf ? <Text className='dues-hint'>全单位报表尚未统计，请点“重新统计”。</Text> : null}
      {report.loading ? <LoadingText /> : null}
      <ErrorBanner message={report.error} onRetry={report.reload} />
      {report.data?.rows.map((row) => (
        <View key={row.branchId} className='card'>
          <Text className='card-title'>{row.branchName}</Text>
          <Figures figures={row} />
        </View>
      ))}
      {report.data && report.data.rows.length > 1 ? (
        <View className='card'>
          <Text className='card-title'>合计</Text>
          <Figures figures={report.data.total} />
        </View>
      ) : null}
      {running ? <Text className='dues-hint' {...aria('status')}>{runProgressText(running)}</Text> : null}
      {notice ? <Text className='dues-ok' {...aria('status')}>{notice}</Text> : null}
      <ErrorBanner message={exportCsv.error ?? generate.error ?? recount.error ?? billRun.error ?? reportRun.error ?? publish.error} />
      {finance ? <ActionButton label='重新统计' variant='secondary' disabled={recount.busy || reportRun.run?.status === 'running'} onTap={() => recount.run()} /> : null}
      {finance ? <ActionButton label='导出报表（CSV）' variant='secondary' disabled={exportCsv.busy} onTap={() => exportCsv.run()} /> : null}
      {finance ? <ActionButton label={`生成 ${month} 账单`} variant='secondary' disabled={generate.busy || billRun.run?.status === 'running'} onTap={() => generate.run()} /> : null}
      <ActionButton label='公布本支部年度收缴情况' variant='secondary' disabled={publish.busy} onTap={() => publish.run()} />
      <LedgerCheck member={member} />
    </PageRoot>
  );
}
