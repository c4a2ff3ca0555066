import { ROUTES, toPagePath } from './routes';

export default defineAppConfig({
  // The first page is the entry: login decides whether to go on to home.
  pages: [toPagePath(ROUTES.login), toPagePath(ROUTES.home), toPagePath(ROUTES.me), toPagePath(ROUTES.placeholder)],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '智慧党建',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ee',
  },
  // H5 page transitions off: steadier screenshots and less motion for older members.
  animation: false,
});
