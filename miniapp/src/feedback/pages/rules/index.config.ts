export default definePageConfig({
  navigationBarTitleText: '调整规则',
});
