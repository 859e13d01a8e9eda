/* Plain-text formatting shared by the guide and the policy pages. */

/** A stored UTC timestamp as the calendar date in China (YYYY-MM-DD), whatever the phone's time zone. */
export function chinaDate(timestamp: string): string {
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return timestamp.slice(0, 10);
  const d = new Date(t + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 0 working days means the matter is settled on the spot. */
export function limitText(days: number): string {
  return days === 0 ? '即办' : `${days} 个工作日`;
}

export function visitsText(visits: number): string {
  if (visits === 0) return '全程网办';
  if (visits === 1) return '最多跑一次';
  return `到现场 ${visits} 次`;
}
