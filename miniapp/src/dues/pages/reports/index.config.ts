export default definePageConfig({
  navigationBarTitleText: '收缴报表',
});
