import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CATEGORY_LABELS, FEATURES, MEMBER_CATEGORIES, ROLES, ROLE_LABELS, feedbackApi, type FeatureKey, type ToggleSettings, type ToggleState } from '@shared/api';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { BranchPicker, branchNameLookup, useOrgTree } from '../../../components/pickers';
import { call, messageOf } from '../../../services/api';
import { Chips } from '../../components/chips';
import { useToggleList } from '../../data';
import { actorText, shanghaiTime, targetingText } from '../../labels';
import { SWITCH_OPTIONS, formProblem, memberChoiceNote, switchOf, toggleHeadline, withSwitch } from '../../toggle-form';
import { useLargeText } from '../../../services/large-text';
import { useEditing } from '../../use-editing';
import { PageRoot } from '../../../components/page-root';
import '../../feedback.css';

const categoryOptions = MEMBER_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }));
const roleOptions = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

function ToggleEditor({ toggle, onSaved }: { toggle: ToggleState; onSaved: () => void }) {
  const [settings, setSettings] = useState<ToggleSettings>(() => ({ enabled: toggle.enabled, rolloutPercent: toggle.rolloutPercent, targeting: toggle.targeting, killSwitch: toggle.killSwitch }));
  const [percent, setPercent] = useState(String(toggle.rolloutPercent));
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = (change: Partial<ToggleSettings['targeting']>) => setSettings({ ...settings, targeting: { ...settings.targeting, ...change } });

  const save = () => {
    const problem = formProblem({ percent, note });
    if (problem) {
      setError(problem);
      return;
    }
    setSaving(true);
    setError(null);
    const body = {
      ...settings,
      rolloutPercent: Number(percent),
      expectedVersion: toggle.version,
      note: note.trim(),
    };
    call(feedbackApi.updateToggle, { params: { feature: toggle.feature }, body }).then(onSaved, (reason: unknown) => {
      setError(messageOf(reason));
      setSaving(false);
    });
  };

  return (
    <View className='card'>
      <Text className='fb-field-label'>开关</Text>
      <Chips
        options={SWITCH_OPTIONS}
        chosen={[switchOf(settings)]}
        onChange={(chosen) => {
          // Works as one choice: tapping another position moves to it; tapping the chosen one keeps it.
          const position = chosen.find((value) => value !== switchOf(settings));
          if (position) setSettings(withSwitch(settings, position));
        }}
      />
      <Text className='fb-field-label'>开放比例（0–100%，先向这部分党员开放；同一党员始终在同一批）</Text>
      <Input className='fb-input' type='number' value={percent} aria-label='开放比例' onInput={(event) => setPercent(event.detail.value)} />
      <Text className='fb-field-label'>面向党员类别（不选即全部）</Text>
      <Chips options={categoryOptions} chosen={settings.targeting.categories} onChange={(categories) => target({ categories })} />
      <Text className='fb-field-label'>排除党员类别</Text>
      <Chips options={categoryOptions} chosen={settings.targeting.excludedCategories} onChange={(excludedCategories) => target({ excludedCategories })} />
      <Text className='fb-field-label'>面向角色（不选即全部）</Text>
      <Chips options={roleOptions} chosen={settings.targeting.roles} onChange={(roles) => target({ roles })} />
      <BranchPicker label='面向支部' emptyText='未选择，即全部支部' chosen={settings.targeting.branches} onChange={(branches) => target({ branches })} />
      <BranchPicker label='排除支部' emptyText='未排除任何支部' chosen={settings.targeting.excludedBranches} onChange={(excludedBranches) => target({ excludedBranches })} />
      <Text className='fb-field-label'>调整说明（必填，记入调整记录）</Text>
      <Input className='fb-input' value={note} maxlength={200} aria-label='调整说明' onInput={(event) => setNote(event.detail.value)} />
      <ErrorBanner message={error} />
      <ActionButton label={saving ? '正在保存…' : `保存「${FEATURES[toggle.feature]}」`} disabled={saving} onTap={save} />
    </View>
  );
}

/** The parent of a sub-feature (`dues.online-payment` → `dues`) when the parent is off for everyone. */
function parentOff(toggles: ToggleState[], toggle: ToggleState): FeatureKey | undefined {
  const parent = toggles.find((candidate) => toggle.feature.startsWith(`${candidate.feature}.`));
  return parent && (parent.killSwitch || !parent.enabled) ? parent.feature : undefined;
}

/** Every feature's toggle; tap one to edit it. */
export default function TogglesPage() {
  const { data, error, loading, reload } = useToggleList();
  const edits = useEditing(reload);
  const largeTextHere = useLargeText();
  const branchName = branchNameLookup(useOrgTree().root, '未知支部');
  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        功能开关
      </Text>
      {loading ? <LoadingText /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      {data?.map((toggle) => (
        <View key={`${toggle.feature}@${toggle.version}`}>
          <View className='card' {...aria('button', `编辑${FEATURES[toggle.feature]}`)} onClick={() => edits.toggle(toggle.feature)}>
            <View className='fb-row'>
              <Text className='card-title'>{FEATURES[toggle.feature]}</Text>
              <Text className={`fb-status${toggle.killSwitch || !toggle.enabled ? ' fb-status--off' : ''}`}>{toggleHeadline(toggle)}</Text>
            </View>
            {memberChoiceNote(toggle, largeTextHere) ? <Text className='fb-figures'>{memberChoiceNote(toggle, largeTextHere)}</Text> : null}
            <Text className='fb-figures'>{targetingText(toggle, branchName)}</Text>
            {parentOff(data, toggle) ? <Text className='fb-figures'>{`随上级功能「${FEATURES[parentOff(data, toggle)!]}」一同关闭`}</Text> : null}
            {toggle.killReason && toggle.killSwitch ? <Text className='fb-figures'>{toggle.killReason}</Text> : null}
            {toggle.updatedBy && toggle.updatedAt ? <Text className='fb-figures'>{`${shanghaiTime(toggle.updatedAt)} 由${actorText(toggle.updatedBy)}调整`}</Text> : null}
          </View>
          {edits.isEditing(toggle.feature) ? <ToggleEditor toggle={toggle} onSaved={edits.saved} /> : null}
        </View>
      ))}
    </PageRoot>
  );
}
