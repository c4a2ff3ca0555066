import { Text, View } from '@tarojs/components';
import type { DevAccount } from '@shared/api';
import { ActionButton } from '../../components/action-button';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingText } from '../../components/loading-text';
import { useDevAccounts } from '../../hooks/use-login';
import { categoryLabel, roleLabels } from '../../services/labels';
import './demo-account-picker.css';

interface DemoAccountPickerProps {
  disabled: boolean;
  onPick: (userId: string) => void;
}

function describe(account: DevAccount): string {
  return `${account.branchName} · ${categoryLabel(account.category)} · ${roleLabels(account.roles)}`;
}

/** Local stage only: one button per demo member, its text starting with the member's name. */
export function DemoAccountPicker({ disabled, onPick }: DemoAccountPickerProps) {
  const { data: accounts, error, loading, reload } = useDevAccounts(true);
  return (
    <View className='demo-picker'>
      <Text className='section-title'>演示账号</Text>
      <Text className='muted'>本地演示环境，选择一位党员身份登录：</Text>
      {loading ? <LoadingText text='正在加载演示账号…' /> : null}
      <ErrorBanner message={error} onRetry={reload} />
      {accounts?.length === 0 ? <Text className='hint'>暂无演示账号，请先导入演示数据。</Text> : null}
      {(accounts ?? []).map((account) => (
        <ActionButton
          key={account.userId}
          variant='secondary'
          label={`${account.name}，${describe(account)}`}
          disabled={disabled}
          onTap={() => onPick(account.userId)}
        >
          <View className='demo-picker__account'>
            <Text className='demo-picker__name'>{account.name}</Text>
            <Text className='demo-picker__meta'>{describe(account)}</Text>
          </View>
        </ActionButton>
      ))}
    </View>
  );
}
