import { View } from '@tarojs/components';
import { useEffect, type PropsWithChildren } from 'react';
import { useElderly } from '../hooks/useElderly';
import { useOfflineSince } from '../services/offline';
import { hideSkeleton, markElderly } from '../services/shell';
import { fmtDateTime } from '../services/time';
import { Banner } from './kit/Banner';
import './Page.css';
import './kit/Controls.css';

/**
 * Every page's root. Sizes inside are in `em` of this root, so 长辈模式 (a
 * larger root font) enlarges text and touch targets everywhere at once.
 */
export default function Page({ children, className }: PropsWithChildren<{ className?: string }>) {
  const [elderly] = useElderly();
  const offlineSince = useOfflineSince();
  // The first page to render replaces index.html's first screen.
  useEffect(hideSkeleton, []);
  useEffect(() => markElderly(elderly), [elderly]);
  return (
    <View className={`zw-page${elderly ? ' zw-page--elderly' : ''}${className ? ` ${className}` : ''}`}>
      {offlineSince ? (
        <Banner kind="warn" className="zw-offline">
          离线内容，更新于 {fmtDateTime(offlineSince)}
        </Banner>
      ) : null}
      {children}
    </View>
  );
}
