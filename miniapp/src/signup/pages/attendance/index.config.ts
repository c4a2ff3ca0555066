export default definePageConfig({
  navigationBarTitleText: '报名与出勤',
});
