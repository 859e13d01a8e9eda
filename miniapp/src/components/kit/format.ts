import { beijingClock } from '@zw/shared/time';

/* Plain-text formatting shared by the guide and the policy pages. */

/** A stored UTC timestamp as the calendar date in China (YYYY-MM-DD), whatever the phone's time zone. */
export function chinaDate(timestamp: string): string {
  return beijingClock(timestamp)?.toISOString().slice(0, 10) ?? timestamp.slice(0, 10);
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
