export default definePageConfig({
  navigationBarTitleText: '功能开关',
});
