import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pageClass, useLargeText } from '../../services/large-text';
import { UpdatePrompt } from '../update-prompt';

/**
 * A page's root: it carries 大字模式 itself, since mini-program pages share no document root, and in H5 the
 * offer of a new version wherever the member is.
 */
export function PageRoot({ children }: { children?: ReactNode }) {
  return (
    <View className={pageClass(useLargeText())}>
      {process.env.TARO_ENV === 'h5' ? <UpdatePrompt /> : null}
      {children}
    </View>
  );
}
