import type { QrTargetType } from './content';

/**
 * Mini-program page paths, shared so that QR resolution on the server and
 * navigation in the app can never disagree. The H5 build serves the same paths.
 */
export const pagePaths = {
  // Main package: what a citizen reaches first, often straight from a QR code.
  home: '/pages/index/index',
  search: '/pages/search/index',
  item: '/pages/guide/index',
  hall: '/pages/hall/index',
  window: '/pages/window/index',
  qr: '/pages/qr/index',
  /** Where an unknown route lands (browser links, an old shared path): 返回首页 and the search box. */
  notFound: '/pages/notfound/index',
  // Subpackages, loaded on demand.
  policy: '/packages/policy/policy/index',
  interpretation: '/packages/policy/interpretation/index',
  newCase: '/packages/cases/new/index',
  myCases: '/packages/cases/mine/index',
  caseDetail: '/packages/cases/detail/index',
  caseLookup: '/packages/cases/lookup/index',
  /** The browser's sign-in: phone + SMS code (WeChat signs citizens in silently). */
  citizenLogin: '/packages/cases/login/index',
  // Staff subpackage: never in the main package, so citizens do not download it.
  staffLogin: '/packages/staff/login/index',
  staffInbox: '/packages/staff/inbox/index',
  staffCase: '/packages/staff/case/index',
  staffSupervisor: '/packages/staff/supervisor/index',
  staffFigures: '/packages/staff/figures/index',
  /** 帮办代办: staff record a message for a citizen at the window or on the phone. */
  staffRecord: '/packages/staff/record/index',
  // Editor subpackage (政务公开专员): content, preview, history, print sheets.
  editorList: '/packages/editor/list/index',
  editorEdit: '/packages/editor/edit/index',
  editorPreview: '/packages/editor/preview/index',
  editorHistory: '/packages/editor/history/index',
  editorPrint: '/packages/editor/print/index',
  editorPolicy: '/packages/editor/policy/index',
  editorInterpretation: '/packages/editor/interpretation/index',
} as const;

export function qrTargetPath(type: QrTargetType, id: number): string {
  const page = type === 'item' ? pagePaths.item : type === 'window' ? pagePaths.window : pagePaths.hall;
  return `${page}?id=${id}`;
}

/**
 * What a printed QR code encodes: the H5 page that resolves the code, under the
 * public base address. The same URL opens the mini-program once WeChat's
 * "扫普通链接二维码打开小程序" rule names `${base}/pages/qr/` (the page receives it as `q`).
 */
export function qrUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${pagePaths.qr}?code=${encodeURIComponent(code)}`;
}

/** `scene` of a mini-program code for a QR code (WeChat allows at most 32 characters). */
export function qrScene(code: string): string {
  return code;
}
