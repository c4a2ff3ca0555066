import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { aria } from '../../../components/a11y';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { useRequiredMember } from '../../../hooks/use-session';
import { QrCode } from '../../../components/qr-code';
import { useRotatingToken } from '../../../hooks/use-rotating-token';
import { PageRoot } from '../../../components/page-root';
import '../../signup.css';
import { signupApi } from '@shared/api';
import { call } from '../../../services/api';

const loadActivityToken = (id: string) => call(signupApi.checkinToken, { params: { id } });

/**
 * The organiser's screen at the activity: a QR code that changes every half minute (a photo of it sent to
 * someone absent stops working), with the same code as six digits for members who type it in.
 */
export default function CheckinQrPage() {
  const member = useRequiredMember();
  const { params } = useRouter();
  const { token, error, secondsLeft } = useRotatingToken(params.id ?? '', member !== null && Boolean(params.id), loadActivityToken);
  if (!member) return null;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        扫码签到
      </Text>
      <ErrorBanner message={error} />
      {token ? (
        <View className='card'>
          <QrCode text={token.token} label='签到二维码' />
          <Text className='checkin-code' {...aria('status', `签到码 ${token.code}`)}>
            {token.code}
          </Text>
          <Text className='checkin-countdown'>{`${secondsLeft} 秒后更新；截图转发无效`}</Text>
        </View>
      ) : (
        <LoadingText text='正在生成签到码…' />
      )}
      <Text className='hint'>请报名成功的同志用企业微信扫描二维码，或在活动页面输入 6 位签到码。签到不需要定位。</Text>
    </PageRoot>
  );
}
