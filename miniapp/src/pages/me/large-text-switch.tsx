import { Switch, Text, View } from '@tarojs/components';
import { setLargeText } from '../../services/large-text';
import './index.css';

/** The 大字模式 setting: one switch, named for screen readers, with what it does in plain words. */
export function LargeTextSwitch({ on }: { on: boolean }) {
  return (
    <View className='card me-setting'>
      <View className='me-setting__text'>
        <Text className='card-title'>大字模式</Text>
        <Text className='card-summary'>字更大、按钮更大，首页更简洁</Text>
      </View>
      <Switch checked={on} color='#b71c1c' aria-label='大字模式' onChange={(event) => setLargeText(event.detail.value)} />
    </View>
  );
}
