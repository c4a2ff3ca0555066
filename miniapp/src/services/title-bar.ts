import Taro from '@tarojs/taro';
import { ROUTES } from '../routes';

/**
 * The title bar Taro draws in H5. Its home icon re-launches the app's first page, which here is the login page
 * (it must be: a member without a session starts there), so a signed-in member tapping 「首页」 landed on login.
 * The icon goes to the home page instead, which itself hands over to login when there is no session. Both icons
 * get a name and a role for screen readers. H5 only: the mini-program's title bar is WeChat's.
 */
export function fixTitleBarIcons(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  const bar = document.getElementById('taro-navigation-bar');
  if (!bar) return;
  const label = (selector: string, name: string) => {
    const icon = bar.querySelector(selector);
    icon?.setAttribute('role', 'button');
    icon?.setAttribute('aria-label', name);
  };
  label('.taro-navigation-bar-home', '返回首页');
  label('.taro-navigation-bar-back', '返回上一页');
  // Captured on the bar, before the icon's own listener (Taro's re-launch of the first page) sees the tap.
  bar.addEventListener(
    'click',
    (event) => {
      if (!(event.target instanceof Element) || !event.target.closest('.taro-navigation-bar-home')) return;
      event.stopPropagation();
      void Taro.reLaunch({ url: ROUTES.home });
    },
    true,
  );
}
