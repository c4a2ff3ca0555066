export default definePageConfig({
  navigationBarTitleText: '党员满意度调查',
});
