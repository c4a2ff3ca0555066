export default definePageConfig({
  navigationBarTitleText: '全部课程',
});
