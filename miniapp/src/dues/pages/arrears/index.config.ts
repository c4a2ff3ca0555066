export default definePageConfig({
  navigationBarTitleText: '欠缴提醒',
});
