import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FEATURES, feedbackApi, type Proposal } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { InfoRow } from '../../../components/info-row';
import { LoadingText } from '../../../components/loading-text';
import { call, messageOf } from '../../../services/api';
import { useProposals } from '../../data';
import { evidenceLines, shanghaiTime } from '../../labels';
import { PageRoot } from '../../../components/page-root';
import '../../feedback.css';

const TABS = [
  { status: 'open', label: '待处理' },
  { status: 'applied', label: '已采纳' },
  { status: 'dismissed', label: '已忽略' },
] as const;

function ProposalCard({ proposal, onDecided }: { proposal: Proposal; onDecided: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = (endpoint: typeof feedbackApi.applyProposal | typeof feedbackApi.dismissProposal) => {
    setBusy(true);
    call(endpoint, { params: { proposalId: proposal.id } }).then(onDecided, (reason: unknown) => {
      setError(messageOf(reason));
      setBusy(false);
    });
  };
  return (
    <View className='card'>
      <Text className='card-title'>{proposal.summary}</Text>
      <Text className='fb-figures'>{`依据规则「${proposal.ruleName}」· ${FEATURES[proposal.feature]}`}</Text>
      {evidenceLines(proposal.evidence).map((line) => (
        <InfoRow key={line.label} label={line.label} value={line.value} />
      ))}
      {proposal.decidedAt ? <Text className='fb-figures'>{`${shanghaiTime(proposal.decidedAt)} 由 ${proposal.decidedBy ?? ''} 处理`}</Text> : null}
      <ErrorBanner message={error} />
      {proposal.status === 'open' ? (
        <View>
          <ActionButton label='采纳' disabled={busy} onTap={() => decide(feedbackApi.applyProposal)} />
          <ActionButton label='忽略' variant='secondary' disabled={busy} onTap={() => decide(feedbackApi.dismissProposal)} />
        </View>
      ) : null}
    </View>
  );
}

function ProposalList({ status }: { status: Proposal['status'] }) {
  const { data, error, loading, reload } = useProposals(status);
  return (
    <View>
      {loading ? <LoadingText /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      {data && data.length === 0 ? <Text className='hint'>暂无</Text> : null}
      {data?.map((proposal) => <ProposalCard key={`${proposal.id}@${proposal.updatedAt}`} proposal={proposal} onDecided={reload} />)}
    </View>
  );
}

/** Proposals the rules made, each with its evidence: apply or dismiss. */
export default function ProposalsPage() {
  const [status, setStatus] = useState<Proposal['status']>('open');
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        调整建议
      </Text>
      <View className='fb-tabs'>
        {TABS.map((tab) => (
          <View key={tab.status} className={`fb-tab${tab.status === status ? ' fb-tab--on' : ''}`} {...aria('button', tab.label, { 'aria-pressed': String(tab.status === status) })} onClick={() => setStatus(tab.status)}>
            <Text>{tab.label}</Text>
          </View>
        ))}
      </View>
      <ProposalList key={status} status={status} />
    </PageRoot>
  );
}
