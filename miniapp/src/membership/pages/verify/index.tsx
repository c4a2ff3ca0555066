import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { PageRoot } from '../../../components/page-root';
import { useRequiredMember } from '../../../hooks/use-session';
import { checkCardOffline, checkCardOnline, type Verdict } from '../../services/verify-card';
import '../../membership.css';

/** Scan (in the mini-program) or paste a card's code, and see whether it holds. */
export default function VerifyPage() {
  const member = useRequiredMember();
  const [token, setToken] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  if (!member) return null;
  // The phone's own verdict shows at once (a station without signal gets it too); the online check refines it.
  const verify = (text: string) =>
    void checkCardOffline(text).then((offline) => {
      setVerdict(offline);
      return checkCardOnline(text, offline).then(setVerdict);
    });
  const scan = () =>
    void Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).then(
      (result) => {
        setToken(result.result);
        verify(result.result);
      },
      () => undefined,
    );
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        验证党员证
      </Text>
      {process.env.TARO_ENV === 'h5' ? null : <ActionButton label='扫描党员证二维码' onTap={scan} />}
      <View className='field'>
        <Text className='field__label'>党员证编码</Text>
        {/* A card's code is a few hundred characters: past the input's default limit of 140. */}
        <Input className='field__input' value={token} maxlength={2000} placeholder='扫码或粘贴党员证编码' aria-label='党员证编码' onInput={(event) => setToken(event.detail.value)} />
      </View>
      <ActionButton label='验证' disabled={token.trim() === ''} onTap={() => verify(token)} />
      {verdict ? (
        <View className={`verdict ${verdict.ok ? 'verdict--ok' : 'verdict--bad'}`} {...aria('status', verdict.title)}>
          <Text className='verdict__title'>{verdict.title}</Text>
          {verdict.statement ? <Text>{`${verdict.statement.name} · ${verdict.statement.branchName} · ${verdict.statement.standing}`}</Text> : null}
          <Text className='hint'>{verdict.note}</Text>
        </View>
      ) : null}
    </PageRoot>
  );
}
