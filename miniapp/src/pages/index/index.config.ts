export default definePageConfig({
  navigationBarTitleText: '清溪县政务服务',
})
