import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './cases.css';

/*
 * Pieces only the 诉求 pages use. The shared ones (Banner, Field, FieldError,
 * StateTag, DueBadge) are the main package's kit: components/kit.
 */

/** A large tick box; the whole row is the touch target. */
export function Check({
  checked,
  onChange,
  children,
  className,
}: PropsWithChildren<{ checked: boolean; onChange: (v: boolean) => void; className?: string }>) {
  return (
    <View
      className={`case-check${checked ? ' case-check--on' : ''}${className ? ` ${className}` : ''}`}
      role="checkbox"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
    >
      <View className="case-check__box">{checked ? '✓' : ''}</View>
      <View className="case-check__text">{children}</View>
    </View>
  );
}
