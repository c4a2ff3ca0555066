import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';

/** A row of large toggle chips (filters); tapping the chosen one again clears it. */
export function Chips<T extends string>({ options, chosen, onChoose }: { options: ReadonlyArray<{ value: T; label: string }>; chosen?: T; onChoose: (value: T | undefined) => void }) {
  return (
    <View className='course-chips'>
      {options.map((option) => (
        <Text
          key={option.value}
          className={`course-chip${chosen === option.value ? ' course-chip--on' : ''}`}
          {...aria('button', option.label, { 'aria-pressed': String(chosen === option.value) })}
          onClick={() => onChoose(chosen === option.value ? undefined : option.value)}
        >
          {option.label}
        </Text>
      ))}
    </View>
  );
}
