export default definePageConfig({
  navigationBarTitleText: 'AI 党建助手',
});
