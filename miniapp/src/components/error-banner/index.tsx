import { Text, View } from '@tarojs/components';
import { aria } from '../a11y';
import './index.css';

interface ErrorBannerProps {
  /** The server's (or client's) Chinese message; nothing is shown when null. */
  message: string | null;
  onRetry?: () => void;
}

export function ErrorBanner({ message, onRetry }: ErrorBannerProps) {
  if (!message) return null;
  return (
    <View className='error-banner' {...aria('alert')}>
      <Text className='error-banner__text'>{message}</Text>
      {onRetry ? (
        <Text className='error-banner__retry' {...aria('button', '重试')} onClick={onRetry}>
          重试
        </Text>
      ) : null}
    </View>
  );
}
