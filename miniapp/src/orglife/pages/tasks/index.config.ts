export default definePageConfig({
  navigationBarTitleText: '会议任务',
});
