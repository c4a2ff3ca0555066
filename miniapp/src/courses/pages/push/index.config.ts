export default definePageConfig({
  navigationBarTitleText: '课程推送',
});
