export default definePageConfig({
  navigationBarTitleText: '党建考核与经营绩效',
});
