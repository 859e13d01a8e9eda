export default definePageConfig({
  navigationBarTitleText: '我的诉求',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
  // 转发 from the ··· menu and the page's 分享 button (hooks/useShare.ts).
  enableShareAppMessage: true,
});
