import type { QrTargetType } from './content';

/**
 * Mini-program page paths, shared so that QR resolution on the server and
 * navigation in the app can never disagree. The H5 build serves the same paths.
 */
export const pagePaths = {
  home: '/pages/index/index',
  search: '/pages/search/index',
  item: '/pages/guide/index',
  policy: '/pages/policy/index',
  interpretation: '/pages/interpretation/index',
  hall: '/pages/hall/index',
  window: '/pages/window/index',
  qr: '/pages/qr/index',
} as const;

export function qrTargetPath(type: QrTargetType, id: number): string {
  const page = type === 'item' ? pagePaths.item : type === 'window' ? pagePaths.window : pagePaths.hall;
  return `${page}?id=${id}`;
}
