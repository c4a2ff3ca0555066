export default definePageConfig({
  navigationBarTitleText: '导入经营数据',
});
