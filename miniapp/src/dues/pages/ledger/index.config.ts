export default definePageConfig({
  navigationBarTitleText: '我的账本记录',
});
