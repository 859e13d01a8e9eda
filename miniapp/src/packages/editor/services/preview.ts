import type { ServiceItem } from '@zw/shared';

/**
 * The draft the 预览 page shows, handed over in memory: it may hold unsaved
 * edits, which no URL or API could carry. A reloaded preview page finds nothing
 * here and shows the last saved version instead.
 */
let current: ServiceItem | null = null;

export const setPreview = (item: ServiceItem) => {
  current = item;
};
export const takePreview = (id: number): ServiceItem | null => (current && current.id === id ? current : null);
