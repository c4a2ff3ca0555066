export default definePageConfig({ navigationBarTitleText: '档案链校验' });
