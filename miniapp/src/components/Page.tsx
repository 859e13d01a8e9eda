import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderly } from '../hooks/useElderly';
import './Page.css';
import './kit/Controls.css';

/**
 * Every page's root. Sizes inside are in `em` of this root, so 长辈模式 (a
 * larger root font) enlarges text and touch targets everywhere at once.
 */
export default function Page({ children, className }: PropsWithChildren<{ className?: string }>) {
  const [elderly] = useElderly();
  return <View className={`zw-page${elderly ? ' zw-page--elderly' : ''}${className ? ` ${className}` : ''}`}>{children}</View>;
}
