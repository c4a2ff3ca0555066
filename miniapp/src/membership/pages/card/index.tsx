import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { membershipApi, type ResponseOf } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useRequiredMember } from '../../../hooks/use-session';
import { call, messageOf } from '../../../services/api';
import { QrCode } from '../../../components/qr-code';
import '../../membership.css';

type Card = ResponseOf<typeof membershipApi.myCard>;

/**
 * The digital member card: name, branch and standing as the platform signed them a moment ago, and a QR of the
 * signed statement another member's app checks offline. It renews itself before the statement expires.
 */
export default function CardPage() {
  const member = useRequiredMember();
  const [card, setCard] = useState<Card | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!member) return undefined;
    let current = true;
    call(membershipApi.myCard).then(
      (next) => {
        if (!current) return;
        setCard(next);
        setError(null);
      },
      (reason: unknown) => current && setError(messageOf(reason)),
    );
    return () => {
      current = false;
    };
  }, [member, round]);

  useEffect(() => {
    if (!card) return undefined;
    // A minute before it expires, a fresh statement replaces it.
    const renewIn = Math.max(5_000, card.statement.exp * 1000 - Date.now() - 60_000);
    const timer = setTimeout(() => setRound((value) => value + 1), renewIn);
    return () => clearTimeout(timer);
  }, [card]);

  if (!member) return null;
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        电子党员证
      </Text>
      <ErrorBanner message={error} onRetry={() => setRound((value) => value + 1)} />
      {!card && !error ? <LoadingText text='正在生成党员证…' /> : null}
      {card ? (
        <View className='membership-card'>
          <Text className='membership-card__name'>{card.statement.name}</Text>
          <Text className='membership-card__line'>{`所在支部：${card.statement.branchName}`}</Text>
          <Text className='membership-card__line'>{`身份：${card.statement.standing}`}</Text>
          <Text className='membership-card__line'>{`有效至：${new Date(card.statement.exp * 1000).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`}</Text>
          <View className='membership-card__qr'>
            <QrCode text={card.token} maxSize={240} label='党员证二维码' />
          </View>
        </View>
      ) : null}
      {card ? (
        <Text className='membership-code' selectable>
          {card.token}
        </Text>
      ) : null}
      <Text className='hint'>二维码几分钟后自动更新，截图转发很快失效。对方无网络时也能用本平台的公钥核验。</Text>
      <ActionButton label='刷新党员证' variant='secondary' onTap={() => setRound((value) => value + 1)} />
    </PageRoot>
  );
}
