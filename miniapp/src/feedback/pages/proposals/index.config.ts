export default definePageConfig({
  navigationBarTitleText: '调整建议',
});
