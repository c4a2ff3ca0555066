import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import { CAPABILITIES, type CapabilityKey } from '@shared/api';
import { EntryCard } from '../../components/entry-card';
import { PendingList } from '../../components/pending-list';
import { UpdatePrompt } from '../../components/update-prompt';
import { useRequiredMember } from '../../hooks/use-session';
import { ASSESSMENT_ROUTES, ASSISTANT_ROUTES, CAPABILITY_ENTRY, ORG_LIFE_ROUTES, ROSTER_ROUTES, ROUTES } from '../../routes';
import { pageClass, useLargeText } from '../../services/large-text';
import { updatedAtText } from '../../services/cache';
import { homeEntries, useToggles } from '../../services/toggles';
import { flushUsage, trackUsage } from '../../services/usage';

function openCapability(key: CapabilityKey): void {
  trackUsage(key, 'opened');
  void Taro.navigateTo({ url: CAPABILITY_ENTRY[key] });
}

/** `brief`: titles only (大字模式: fewer words to read, bigger cards to tap). */
function CapabilityCards({ keys, brief }: { keys: readonly CapabilityKey[]; brief: boolean }) {
  return (
    <View>
      {keys.map((key) => {
        const capability = CAPABILITIES.find((item) => item.key === key);
        return capability ? <EntryCard key={key} title={capability.title} summary={brief ? undefined : capability.summary} onTap={() => openCapability(key)} /> : null;
      })}
    </View>
  );
}

/**
 * Home: the capabilities that are on for the member, in the order their member category uses them (admins
 * may pin some first or move some to "more"). Works on the last known toggles when offline.
 */
export default function HomePage() {
  const member = useRequiredMember();
  const { toggles, offline, savedAt } = useToggles();
  const largeText = useLargeText(toggles);
  // Coming back home is a good moment to send what was recorded meanwhile.
  useDidShow(() => void flushUsage());
  if (!member) return null;
  const { order, more } = homeEntries(toggles);

  return (
    <View className={pageClass(largeText)}>
      {process.env.TARO_ENV === 'h5' ? <UpdatePrompt /> : null}
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        智慧党建
      </Text>
      <Text className='hint'>{`您好，${member.name}同志`}</Text>
      {offline ? <Text className='muted'>{`网络不可用，正在显示上次的功能设置${savedAt ? `（${updatedAtText(savedAt)}）` : ''}`}</Text> : null}
      <PendingList />
      <Text className='section-title'>功能服务</Text>
      <CapabilityCards keys={order} brief={largeText} />
      {more.length > 0 ? (
        <View>
          <Text className='section-title'>更多功能</Text>
          <CapabilityCards keys={more} brief={largeText} />
        </View>
      ) : null}
      {member.roles.includes('secretary') || member.roles.includes('admin') ? (
        <View>
          <Text className='section-title'>组织管理</Text>
          <EntryCard
            title='花名册'
            summary={largeText ? undefined : member.roles.includes('admin') ? '全部党员：按姓名、拼音或首字母查找' : '本支部党员：按姓名、拼音或首字母查找'}
            onTap={() => void Taro.navigateTo({ url: ROSTER_ROUTES.index })}
          />
          {member.roles.includes('admin') ? (
            <EntryCard
              title='助手条文管理'
              summary={largeText ? undefined : 'AI 党建助手依据的条文：新增、停用，注明出处'}
              onTap={() => void Taro.navigateTo({ url: ASSISTANT_ROUTES.passages })}
            />
          ) : null}
        </View>
      ) : null}
      <Text className='section-title'>组织生活</Text>
      <EntryCard title='组织生活' summary={largeText ? undefined : '三会一课、主题党日：近期会议、签到、请假、会议记录'} onTap={() => void Taro.navigateTo({ url: ORG_LIFE_ROUTES.index })} />
      {member.roles.includes('admin') || member.roles.includes('evaluator') ? (
        <View>
          <Text className='section-title'>党建考核</Text>
          <EntryCard
            title='党建考核与经营绩效'
            summary={largeText ? undefined : '各单位党建工作指数与经营绩效指数、考核依据、第三方评估'}
            onTap={() => void Taro.navigateTo({ url: ASSESSMENT_ROUTES.index })}
          />
        </View>
      ) : null}
      <Text className='section-title'>个人中心</Text>
      <EntryCard
        title='AI 党建助手'
        summary={largeText ? undefined : '问党费、学时、组织生活和组织关系转接，答案注明出处'}
        onTap={() => void Taro.navigateTo({ url: ASSISTANT_ROUTES.index })}
      />
      <EntryCard title='满意度调查' summary={largeText ? undefined : '匿名评价支部工作，每期一次'} onTap={() => void Taro.navigateTo({ url: ASSESSMENT_ROUTES.survey })} />
      <EntryCard title='我的' summary={largeText ? undefined : '个人信息、所在支部与角色、大字模式'} onTap={() => void Taro.navigateTo({ url: ROUTES.me })} />
    </View>
  );
}
