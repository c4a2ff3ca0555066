export default definePageConfig({
  navigationBarTitleText: '考核依据',
});
