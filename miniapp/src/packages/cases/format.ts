import { localDate } from '@zw/shared'

/** Dates and times as the county reads them: Beijing time, whatever the phone's time zone. */
const OFFSET = 8 * 3600_000

function beijing(iso: string): Date | null {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : new Date(ms + OFFSET)
}

/** '2026-03-02' */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return ''
  try {
    return localDate(iso)
  } catch {
    const d = beijing(iso)
    return d ? d.toISOString().slice(0, 10) : ''
  }
}

/** '2026-03-02 14:05' */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = beijing(iso)
  if (!d) return ''
  const s = d.toISOString()
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`
}

/** Query values arrive encoded on some platforms and decoded on others. */
export function decodeParam(v: string | undefined): string {
  if (!v) return ''
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

export function errorText(err: unknown, fallback = '操作没有成功，请稍后再试'): string {
  return err instanceof Error && err.message ? err.message : fallback
}
