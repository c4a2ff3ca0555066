import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';
import Taro from '@tarojs/taro';
import { CAPABILITIES } from '@shared/api';
import { EntryCard } from '../../components/entry-card';
import { useRequiredMember } from '../../hooks/use-session';
import { CAPABILITY_ENTRY, ROUTES } from '../../routes';

function open(url: string): void {
  void Taro.navigateTo({ url });
}

export default function HomePage() {
  const member = useRequiredMember();
  if (!member) return null;

  return (
    <View className='page'>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        智慧党建
      </Text>
      <Text className='hint'>{`您好，${member.name}同志`}</Text>
      <Text className='section-title'>功能服务</Text>
      {CAPABILITIES.map((capability) => (
        <EntryCard
          key={capability.key}
          title={capability.title}
          summary={capability.summary}
          onTap={() => open(CAPABILITY_ENTRY[capability.key])}
        />
      ))}
      <Text className='section-title'>个人中心</Text>
      <EntryCard title='我的' summary='个人信息、所在支部与角色' onTap={() => open(ROUTES.me)} />
    </View>
  );
}
