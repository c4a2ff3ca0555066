export default definePageConfig({
  navigationBarTitleText: '调整记录',
});
