export default definePageConfig({
  navigationBarTitleText: '支部出勤统计',
});
