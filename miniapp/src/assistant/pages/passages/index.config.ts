export default definePageConfig({
  navigationBarTitleText: '助手条文管理',
});
