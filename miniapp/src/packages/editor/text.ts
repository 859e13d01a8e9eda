import type { ContentVersion } from '@zw/shared';
import { fmtDateTime } from '../../services/time';

/** Beijing-time formatting lives in services/time (shared by every page); re-exported for this package. */
export { errorText, fmtDateTime } from '../../services/time';

/** One version in words: "刘芳 2026-11-23 18:20 修改了 办理条件、收费标准". */
export function versionLine(v: Pick<ContentVersion, 'editor' | 'at' | 'changedLabels'> & { actionLabel: string }): string {
  const who = v.editor?.name ?? '系统';
  const what = v.changedLabels.length ? `：${v.changedLabels.join('、')}` : '';
  return `${who} ${fmtDateTime(v.at)} ${v.actionLabel}${what}`;
}
