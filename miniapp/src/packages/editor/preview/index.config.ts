export default definePageConfig({
  navigationBarTitleText: '预览（群众看到的样子）',
});
