export default definePageConfig({
  navigationBarTitleText: '政务公开内容',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
