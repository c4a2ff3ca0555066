export default definePageConfig({
  navigationBarTitleText: '登记线下缴纳',
});
