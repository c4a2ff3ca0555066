export default definePageConfig({
  navigationBarTitleText: '活动详情',
  // The "转发" menu item: a member passes the activity on to a colleague in WeCom or WeChat.
  enableShareAppMessage: true,
});
