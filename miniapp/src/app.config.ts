export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    navigationBarTitleText: '清溪县政务服务',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
    backgroundTextStyle: 'light',
  },
})
