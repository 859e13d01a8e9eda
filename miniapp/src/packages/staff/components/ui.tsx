import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './staff.css';

/*
 * Pieces only the staff pages use. The shared ones (Banner, FieldError, Chip,
 * StateTag, DueBadge) are the main package's kit: components/kit.
 */

export function SectionTitle({ children, extra }: PropsWithChildren<{ extra?: string }>) {
  return (
    <View className="st-section-title">
      <Text className="st-section-title__text">{children}</Text>
      {extra ? <Text className="st-section-title__extra">{extra}</Text> : null}
    </View>
  );
}
