import { Text, View } from '@tarojs/components';
import { aria } from '../a11y';

interface EntryCardProps {
  title: string;
  summary?: string;
  onTap: () => void;
}

/** A tappable card (title + one line): the home page's entries. */
export function EntryCard({ title, summary, onTap }: EntryCardProps) {
  return (
    <View className='card' {...aria('link', title)} onClick={onTap}>
      <Text className='card-title'>{title}</Text>
      {summary ? <Text className='card-summary'>{summary}</Text> : null}
    </View>
  );
}
