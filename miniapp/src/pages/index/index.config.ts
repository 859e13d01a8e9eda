export default definePageConfig({
  navigationBarTitleText: '清溪县政务服务',
  // The blue hero continues the bar, as on most provincial government-service apps.
  navigationBarBackgroundColor: '#1456f0',
  navigationBarTextStyle: 'white',
  enablePullDownRefresh: true,
  // 转发 from the ··· menu and the page's 分享 button (hooks/useShare.ts).
  enableShareAppMessage: true,
});
