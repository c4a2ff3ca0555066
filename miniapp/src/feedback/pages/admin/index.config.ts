export default definePageConfig({
  navigationBarTitleText: '反馈管理',
});
