import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { SuggestionCategory, SuggestionStatus } from '@shared/api';
import { aria } from '../../components/a11y';
import { categoryLabel, shanghaiDateTime, statusLabel } from '../services/labels';
import '../suggestions.css';

export function StatusTag({ status }: { status: SuggestionStatus }) {
  return <Text className={`sugg-status sugg-status--${status}`}>{statusLabel(status)}</Text>;
}

interface SuggestionCardProps {
  title: string;
  status: SuggestionStatus;
  category: SuggestionCategory;
  createdAt: string;
  /** A second line: who wrote it, which branch, whether it was anonymous. */
  note?: string;
  onTap: () => void;
}

/** One suggestion in a list: its title and status, what kind and when, tappable to open. */
export function SuggestionCard({ title, status, category, createdAt, note, onTap }: SuggestionCardProps) {
  return (
    <View className='card' {...aria('link', `${title}，${statusLabel(status)}`)} onClick={onTap}>
      <View className='sugg-card__head'>
        <Text className='sugg-card__title'>{title}</Text>
        <StatusTag status={status} />
      </View>
      <Text className='sugg-card__meta'>{`${categoryLabel(category)} · ${shanghaiDateTime(createdAt)}${note ? ` · ${note}` : ''}`}</Text>
    </View>
  );
}

/** A suggestion page's heading: its title and where it stands. */
export function SuggestionHeading({ title, status }: { title: string; status: SuggestionStatus }) {
  return (
    <View className='sugg-card__head'>
      <Text className='page-title' {...aria('heading', undefined, { 'aria-level': '1' })}>
        {title}
      </Text>
      <StatusTag status={status} />
    </View>
  );
}

interface ListedSuggestion {
  id: string;
  title: string;
  status: SuggestionStatus;
  category: SuggestionCategory;
  createdAt: string;
}

/** A list of suggestion cards, each opening its own page. */
export function SuggestionCards<S extends ListedSuggestion>({ items, noteOf, urlOf }: { items: S[]; noteOf: (s: S) => string | undefined; urlOf: (s: S) => string }) {
  return (
    <View>
      {items.map((suggestion) => (
        <SuggestionCard
          key={suggestion.id}
          title={suggestion.title}
          status={suggestion.status}
          category={suggestion.category}
          createdAt={suggestion.createdAt}
          note={noteOf(suggestion)}
          onTap={() => void Taro.navigateTo({ url: urlOf(suggestion) })}
        />
      ))}
    </View>
  );
}
