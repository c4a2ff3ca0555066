export default definePageConfig({
  navigationBarTitleText: '功能反馈',
});
