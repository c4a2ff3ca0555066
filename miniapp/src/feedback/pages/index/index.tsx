import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CAPABILITIES, FEATURES, type FeatureKey } from '@shared/api';
import { aria } from '../../../components/a11y';
import { EntryCard } from '../../../components/entry-card';
import { FeatureRating } from '../../../components/feature-rating';
import { useRequiredMember } from '../../../hooks/use-session';
import { FEEDBACK_ROUTES } from '../../../routes';
import { homeEntries, isOn, useToggles } from '../../../services/toggles';
import { PageRoot } from '../../../components/page-root';
import '../../feedback.css';

/** Members tell how the features work for them; admins go on to the feedback console. */
export default function FeedbackPage() {
  const member = useRequiredMember();
  const { toggles } = useToggles();
  const [feature, setFeature] = useState<FeatureKey | null>(null);
  if (!member) return null;
  const { order, more } = homeEntries(toggles);
  const rateable = [...order, ...more].filter((key) => isOn(toggles, key));

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        功能反馈
      </Text>
      <Text className='hint'>您的评价会直接影响平台调整哪些功能、怎样排列。选一个功能说说好不好用：</Text>
      <View className='fb-chips'>
        {rateable.map((key) => (
          <View
            key={key}
            className={`fb-chip${feature === key ? ' fb-chip--on' : ''}`}
            {...aria('button', FEATURES[key], { 'aria-pressed': String(feature === key) })}
            onClick={() => setFeature(key)}
          >
            <Text>{CAPABILITIES.find((c) => c.key === key)?.title ?? FEATURES[key]}</Text>
          </View>
        ))}
      </View>
      {feature ? <FeatureRating key={feature} feature={feature} /> : null}
      {member.roles.includes('admin') ? (
        <View>
          <Text className='section-title'>管理</Text>
          <EntryCard title='反馈管理' summary='功能数据、功能开关、调整规则与建议' onTap={() => void Taro.navigateTo({ url: FEEDBACK_ROUTES.admin })} />
        </View>
      ) : null}
    </PageRoot>
  );
}
