export default definePageConfig({
  navigationBarTitleText: '政策解读',
  // 转发 from the ··· menu and the page's 分享 button (hooks/useShare.ts).
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
