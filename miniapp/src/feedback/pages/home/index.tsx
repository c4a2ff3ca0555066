import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CAPABILITIES, CATEGORY_LABELS, FEATURE_KEYS, feedbackApi, type CapabilityKey, type FeatureKey, type HomeLayout } from '@shared/api';
import { homeOrder } from '@shared/toggles/home-order';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { call, messageOf } from '../../../services/api';
import { Chips } from '../../components/chips';
import { useHomeLayouts } from '../../data';
import { shanghaiTime } from '../../labels';
import { useEditing } from '../../use-editing';
import { PageRoot } from '../../../components/page-root';
import '../../feedback.css';

const entryOptions = CAPABILITIES.map(({ key, title }) => ({ value: key as CapabilityKey, label: title }));
const titleOf = (key: CapabilityKey) => CAPABILITIES.find((capability) => capability.key === key)!.title;

/** An admin sees a category's layout whatever the toggles of the moment. */
const ALL_ON = Object.fromEntries(FEATURE_KEYS.map((key) => [key, true])) as Record<FeatureKey, boolean>;

function LayoutEditor({ layout, onSaved }: { layout: HomeLayout; onSaved: () => void }) {
  const [pinned, setPinned] = useState<CapabilityKey[]>(layout.pinned);
  const [hidden, setHidden] = useState<CapabilityKey[]>(layout.hidden);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = CATEGORY_LABELS[layout.category];
  const save = () => {
    setSaving(true);
    setError(null);
    call(feedbackApi.updateHomeLayout, { params: { category: layout.category }, body: { pinned, hidden } }).then(onSaved, (reason: unknown) => {
      setError(messageOf(reason));
      setSaving(false);
    });
  };
  return (
    <View className='card'>
      <Text className='fb-field-label'>置顶（按点选先后排在最前）</Text>
      <Chips options={entryOptions} chosen={pinned} onChange={(chosen) => {
        setPinned(chosen);
        setHidden(hidden.filter((key) => !chosen.includes(key)));
      }} />
      <Text className='fb-field-label'>移到「更多」（不在首页显示）</Text>
      <Chips options={entryOptions} chosen={hidden} onChange={(chosen) => {
        setHidden(chosen);
        setPinned(pinned.filter((key) => !chosen.includes(key)));
      }} />
      <ErrorBanner message={error} />
      <ActionButton label={saving ? '正在保存…' : `保存「${label}」首页`} disabled={saving} onTap={save} />
    </View>
  );
}

/** Each member category's home page as usage orders it, with the admin's pins and hidden entries. */
export default function HomeLayoutsPage() {
  const { data, error, loading, reload } = useHomeLayouts();
  const edits = useEditing(reload);
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        首页布局
      </Text>
      <Text className='fb-figures'>各类党员的首页按本类别近 30 天的使用次数排序；置顶的排在最前，移出的放进「更多」。</Text>
      {loading ? <LoadingText /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      {data?.map((layout) => {
        const label = CATEGORY_LABELS[layout.category];
        const { order } = homeOrder(layout, ALL_ON);
        return (
          <View key={`${layout.category}:${layout.pinned.join()}:${layout.hidden.join()}`}>
            <View className='card' {...aria('button', `调整${label}首页`)} onClick={() => edits.toggle(layout.category)}>
              <Text className='card-title'>{label}</Text>
              <Text className='fb-figures'>
                {`首页：${order.map((key) => `${titleOf(key)}${layout.pinned.includes(key) ? '（置顶）' : `（${layout.usage[key] ?? 0} 次）`}`).join(' › ')}`}
              </Text>
              {layout.hidden.length > 0 ? <Text className='fb-figures'>{`更多：${layout.hidden.map(titleOf).join('、')}`}</Text> : null}
              {layout.usageComputedAt ? <Text className='fb-figures'>{`使用次数统计于 ${shanghaiTime(layout.usageComputedAt)}`}</Text> : null}
            </View>
            {edits.isEditing(layout.category) ? <LayoutEditor layout={layout} onSaved={edits.saved} /> : null}
          </View>
        );
      })}
    </PageRoot>
  );
}
