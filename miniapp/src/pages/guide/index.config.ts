export default definePageConfig({
  navigationBarTitleText: '办事指南',
  // 分享 in the bottom bar (Button openType='share') and the ··· menu.
  enableShareAppMessage: true,
});
