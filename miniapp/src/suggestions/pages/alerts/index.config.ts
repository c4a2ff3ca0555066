export default definePageConfig({
  navigationBarTitleText: '舆情预警',
});
