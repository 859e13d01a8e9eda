export default definePageConfig({
  navigationBarTitleText: '打印与二维码',
});
