export default definePageConfig({
  navigationBarTitleText: '查询办理进度',
  // 转发 from the ··· menu and the page's 分享 button (hooks/useShare.ts).
  enableShareAppMessage: true,
});
