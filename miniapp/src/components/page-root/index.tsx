import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pageClass, useLargeText } from '../../services/large-text';

/** A page's root: it carries 大字模式 itself, since mini-program pages share no document root. */
export function PageRoot({ children }: { children?: ReactNode }) {
  return <View className={pageClass(useLargeText())}>{children}</View>;
}
