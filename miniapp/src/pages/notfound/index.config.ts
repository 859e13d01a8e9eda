export default definePageConfig({
  navigationBarTitleText: '页面不存在',
  // 转发 from the ··· menu and the page's 分享 button (hooks/useShare.ts).
  enableShareAppMessage: true,
});
