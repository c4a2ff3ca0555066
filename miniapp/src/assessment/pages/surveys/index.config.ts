export default definePageConfig({
  navigationBarTitleText: '党员满意度结果',
});
