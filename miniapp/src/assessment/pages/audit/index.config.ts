export default definePageConfig({
  navigationBarTitleText: '评分与修改记录',
});
