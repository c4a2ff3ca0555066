import { Text } from '@tarojs/components';
import { aria } from '../../components/a11y';
import Taro, { useRouter } from '@tarojs/taro';
import { CAPABILITIES, ERROR_MESSAGES } from '@shared/api';
import { ActionButton } from '../../components/action-button';
import { ROUTES } from '../../routes';
import { PageRoot } from '../../components/page-root';

/** Stands in for a capability until its pages land. */
export default function PlaceholderPage() {
  const { params } = useRouter();
  const capability = CAPABILITIES.find((item) => item.key === params.key);
  const title = capability?.title ?? '功能';

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {title}
      </Text>
      <Text className='hint'>{ERROR_MESSAGES.NOT_AVAILABLE_YET}</Text>
      <ActionButton label='返回首页' variant='secondary' onTap={() => void Taro.reLaunch({ url: ROUTES.home })} />
    </PageRoot>
  );
}
