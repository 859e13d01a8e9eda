import type { ContentVersion } from '@zw/shared'

/** The error's own message (the API's are written for people), or a fallback. */
export function errorText(err: unknown, fallback = '操作没有成功，请稍后再试'): string {
  return err instanceof Error && err.message ? err.message : fallback
}

/** '2026-03-02 14:05', Beijing time whatever the device's time zone. */
export function fmtDateTime(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : Number.NaN
  if (Number.isNaN(ms)) return ''
  const s = new Date(ms + 8 * 3600_000).toISOString()
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`
}

/** One version in words: "刘芳 2026-11-23 18:20 修改了 办理条件、收费标准". */
export function versionLine(v: Pick<ContentVersion, 'editor' | 'at' | 'changedLabels'> & { actionLabel: string }): string {
  const who = v.editor?.name ?? '系统'
  const what = v.changedLabels.length ? `：${v.changedLabels.join('、')}` : ''
  return `${who} ${fmtDateTime(v.at)} ${v.actionLabel}${what}`
}
