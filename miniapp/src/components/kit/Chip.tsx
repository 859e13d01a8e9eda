import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './Chip.css';

/**
 * A tappable choice in a row of choices (filters, templates, departments). A toggle
 * button: `aria-pressed` says whether it is the chosen one. Put a row of them in a
 * `zw-chips` box.
 */
export function Chip({ on, onClick, className, children }: PropsWithChildren<{ on?: boolean; onClick: () => void; className?: string }>) {
  return (
    <View
      className={`zw-chip${on ? ' zw-chip--on' : ''}${className ? ` ${className}` : ''}`}
      role="button"
      aria-pressed={!!on}
      onClick={onClick}
    >
      {children}
    </View>
  );
}
