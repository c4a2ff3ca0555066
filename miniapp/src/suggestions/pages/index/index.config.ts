export default definePageConfig({
  navigationBarTitleText: '意见箱',
});
