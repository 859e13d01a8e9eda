import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './Banner.css';

export type BannerKind = 'info' | 'warn' | 'error' | 'ok';

/**
 * A coloured notice at the top of a card or page. An error is an alert (read out at
 * once by screen readers); the other kinds are a polite status.
 * Inside: `zw-banner__title`, `zw-banner__line`, `zw-banner__actions` for longer notices.
 */
export function Banner({ kind, className, children }: PropsWithChildren<{ kind: BannerKind; className?: string }>) {
  return (
    <View className={`zw-banner zw-banner--${kind}${className ? ` ${className}` : ''}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </View>
  );
}
