import { Text } from '@tarojs/components';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingText } from '../../components/loading-text';
import { DEMO_LOGIN_ENABLED, useLogin } from '../../hooks/use-login';
import { DemoAccountPicker } from './demo-account-picker';
import { PageRoot } from '../../components/page-root';

export default function LoginPage() {
  const { inWecom, signingIn, error, retryWecom, signInAs } = useLogin();

  return (
    <PageRoot>
      <Text className='page-title'>智慧党建</Text>
      <Text className='hint'>林业集团党员服务平台</Text>
      <ErrorBanner message={error} />
      {signingIn ? <LoadingText text='正在登录…' /> : null}
      {inWecom && !signingIn ? <ActionButton label='企业微信一键登录' onTap={retryWecom} /> : null}
      {!inWecom && !DEMO_LOGIN_ENABLED ? <Text className='hint'>请在企业微信工作台中打开本应用。</Text> : null}
      {DEMO_LOGIN_ENABLED ? <DemoAccountPicker disabled={signingIn} onPick={signInAs} /> : null}
    </PageRoot>
  );
}
