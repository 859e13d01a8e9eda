import { Text } from '@tarojs/components';
// Type only: the labels' module pulls zod, which stays out of the main package (the caller passes the label).
import type { CaseState } from '@zw/shared';
import './CaseTags.css';

/*
 * The tags of a citizen message (诉求): its state and its deadline. Citizen and
 * staff pages show the same colour for the same meaning.
 */

/** The state of a case: its label (the text the API sent, or caseStateLabels on staff pages), coloured by state. */
export function StateTag({ state, label, className }: { state: CaseState; label: string; className?: string }) {
  return <Text className={`zw-case-state zw-case-state--${state}${className ? ` ${className}` : ''}`}>{label}</Text>;
}

/**
 * How a case stands against its deadline; nothing while it is on time. Staff work
 * from it (short words, overdue in solid red); citizens read it (plain words, soft colours).
 */
const dueLabels = {
  citizen: { due_soon: '临近期限', overdue: '已超期', paused: '期限暂停' },
  staff: { due_soon: '临期', overdue: '已超期', paused: '暂停计时' },
} as const;

export function DueBadge({ status, audience, className }: { status: string; audience: 'citizen' | 'staff'; className?: string }) {
  const label = (dueLabels[audience] as Record<string, string>)[status];
  if (!label) return null;
  return <Text className={`zw-due zw-due--${audience} zw-due--${status}${className ? ` ${className}` : ''}`}>{label}</Text>;
}
