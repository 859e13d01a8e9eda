// Page map. The main package holds the first screens (home, search, a guide, and the
// pages a window's QR code opens); policies and messages load as subpackages, and so
// do the staff and editor pages, which citizens never download.
// Paths match shared/src/paths.ts, which the BFF uses to resolve QR codes.
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/search/index',
    'pages/guide/index',
    'pages/window/index',
    'pages/hall/index',
    'pages/qr/index',
    'pages/notfound/index',
  ],
  subPackages: [
    { root: 'packages/policy', pages: ['policy/index', 'interpretation/index'] },
    { root: 'packages/cases', pages: ['new/index', 'mine/index', 'detail/index', 'lookup/index', 'login/index'] },
    { root: 'packages/staff', pages: ['login/index', 'inbox/index', 'case/index', 'supervisor/index', 'figures/index', 'record/index'] },
    {
      root: 'packages/editor',
      pages: ['list/index', 'edit/index', 'preview/index', 'history/index', 'print/index', 'policy/index', 'interpretation/index'],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/cases'] },
  },
  window: {
    // 'default' is already WeChat's default; said out loud because Taro's H5 router draws its
    // title bar (back, or home when there is no history) only when it is set. See services/titlebar.ts.
    navigationStyle: 'default',
    navigationBarTitleText: '清溪县政务服务',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'dark',
    enablePullDownRefresh: false,
  },
});
