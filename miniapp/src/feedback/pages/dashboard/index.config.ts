export default definePageConfig({
  navigationBarTitleText: '功能数据',
});
