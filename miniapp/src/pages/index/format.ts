/** Dates and service facts in the words a citizen reads on a counter notice. */

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

function parse(value: string): Date | null {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/** 2025-05-12. A calendar date stays as written; a timestamp is shown in the phone's local date. */
export function ymd(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const d = parse(value)
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : value.slice(0, 10)
}

/** 12月5日, with the year only when it is not this year. */
export function chineseDate(value: string, now = new Date()): string {
  const d = parse(value)
  if (!d) return value.slice(0, 10)
  const md = `${d.getMonth() + 1}月${d.getDate()}日`
  return d.getFullYear() === now.getFullYear() ? md : `${d.getFullYear()}年${md}`
}

/** 到现场次数 as the guides say it. */
export function visitsLabel(visits: number): string {
  if (visits <= 0) return '全程网办'
  if (visits === 1) return '最多跑一次'
  return `需到现场${visits}次`
}

/** 承诺办结时限: 0 means it is done on the spot. */
export function limitLabel(days: number): string {
  return days <= 0 ? '当场办结' : `${days}个工作日办结`
}

/** Query parameters arrive still URL-encoded in WeChat and in Taro's H5 router. */
export function decodeParam(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}
