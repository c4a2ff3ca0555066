export default definePageConfig({
  navigationBarTitleText: '计划会议',
});
