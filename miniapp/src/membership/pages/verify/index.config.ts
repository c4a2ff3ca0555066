export default definePageConfig({ navigationBarTitleText: '验证党员证' });
