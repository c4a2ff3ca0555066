import { Input, Text, Textarea, View } from '@tarojs/components';
import { aria } from '../../../components/a11y';
import { ActionButton } from '../../../components/action-button';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadingText } from '../../../components/loading-text';
import { PageRoot } from '../../../components/page-root';
import { useRequiredMember } from '../../../hooks/use-session';
import { usePassages } from '../../hooks/use-passages';
import '../../assistant.css';

/** Admins: the assistant's rule passages — shipped and added, in use or retired — and adding one (moderated). */
export default function PassagesPage() {
  const member = useRequiredMember();
  const isAdmin = member?.roles.includes('admin') ?? false;
  const { corpus, draft, setDraft, add, retire, busy, error } = usePassages(isAdmin);
  if (!member) return null;
  if (!isAdmin) return <PageRoot><Text className='hint'>只有平台管理员可以管理助手条文。</Text></PageRoot>;

  return (
    <PageRoot>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        助手条文管理
      </Text>
      {corpus.data ? <Text className='hint'>{`条文库第 ${corpus.data.version} 版，共 ${corpus.data.items.length} 条。新增条文须写明出处，并经内容审核。`}</Text> : null}
      <Text className='section-title'>新增条文</Text>
      <View className='field'>
        <Text className='field__label'>标题</Text>
        <Input className='field__input' value={draft.title} maxlength={60} aria-label='标题' onInput={(e) => setDraft({ ...draft, title: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field__label'>条文内容</Text>
        <Textarea className='field__input field__textarea' value={draft.text} maxlength={1000} aria-label='条文内容' onInput={(e) => setDraft({ ...draft, text: e.detail.value })} />
      </View>
      <View className='field'>
        <Text className='field__label'>出处</Text>
        <Input className='field__input' value={draft.source} maxlength={120} aria-label='出处' placeholder='文件名称、发文单位和年份' onInput={(e) => setDraft({ ...draft, source: e.detail.value })} />
      </View>
      <ErrorBanner message={error} />
      <ActionButton label={busy ? '正在保存…' : '新增条文'} disabled={busy} onTap={() => void add()} />
      <Text className='section-title'>全部条文</Text>
      {corpus.loading && !corpus.data ? <LoadingText /> : null}
      <ErrorBanner message={corpus.error} onRetry={corpus.reload} />
      {(corpus.data?.items ?? []).map((passage) => (
        <View key={passage.id} className='card'>
          <Text className='card-title'>{passage.status === 'retired' ? `（已停用）${passage.title}` : passage.title}</Text>
          <Text className='assistant-passage__text'>{passage.text}</Text>
          <Text className='assistant-passage__source'>{`出处：${passage.source} · ${passage.origin === 'shipped' ? '平台内置' : '管理员新增'}`}</Text>
          {passage.status === 'active' ? <ActionButton label={`停用「${passage.title}」`} variant='secondary' disabled={busy} onTap={() => void retire(passage)}>停用</ActionButton> : null}
        </View>
      ))}
    </PageRoot>
  );
}
