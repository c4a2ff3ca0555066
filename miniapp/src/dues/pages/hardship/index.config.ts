export default definePageConfig({
  navigationBarTitleText: '困难减免',
});
