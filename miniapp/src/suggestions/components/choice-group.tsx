import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';
import '../suggestions.css';

interface ChoiceGroupProps<T extends string> {
  options: ReadonlyArray<{ value: T; label: string }>;
  chosen: T | null;
  onChoose: (value: T) => void;
}

/** Large tappable single choices (a category, a status tab, a rating), each announcing whether it is chosen. */
export function ChoiceGroup<T extends string>({ options, chosen, onChoose }: ChoiceGroupProps<T>) {
  return (
    <View className='sugg-choices'>
      {options.map((option) => {
        const on = option.value === chosen;
        return (
          <Text
            key={option.value}
            className={`sugg-choice ${on ? 'sugg-choice--on' : ''}`}
            {...aria('button', option.label, { 'aria-pressed': on ? 'true' : 'false' })}
            onClick={() => onChoose(option.value)}
          >
            {option.label}
          </Text>
        );
      })}
    </View>
  );
}
