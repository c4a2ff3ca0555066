import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';

interface ChoicesProps<T extends string> {
  options: ReadonlyArray<{ value: T; label: string }>;
  chosen: readonly T[];
  onToggle: (value: T) => void;
}

/** Large tappable chips: a choice among a few (months, methods, members). */
export function Choices<T extends string>({ options, chosen, onToggle }: ChoicesProps<T>) {
  return (
    <View className='dues-choices'>
      {options.map((option) => {
        const on = chosen.includes(option.value);
        return (
          <Text
            key={option.value}
            className={`dues-choice${on ? ' dues-choice--on' : ''}`}
            {...aria('button', option.label, { 'aria-pressed': on ? 'true' : 'false' })}
            onClick={() => onToggle(option.value)}
          >
            {option.label}
          </Text>
        );
      })}
    </View>
  );
}
