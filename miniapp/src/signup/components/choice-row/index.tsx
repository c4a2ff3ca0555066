import { Text, View } from '@tarojs/components';
import { aria } from '../../../components/a11y';
import '../../signup.css';

interface ChoiceRowProps<T extends string> {
  options: ReadonlyArray<{ value: T; label: string }>;
  /** Chosen values: one for a single choice, any number for a multiple one. */
  chosen: readonly T[];
  onToggle: (value: T) => void;
}

/** Large tappable choices (tabs, a type, member categories), each announcing whether it is chosen. */
export function ChoiceRow<T extends string>({ options, chosen, onToggle }: ChoiceRowProps<T>) {
  return (
    <View className='choice-row'>
      {options.map((option) => {
        const on = chosen.includes(option.value);
        return (
          <Text
            key={option.value}
            className={`choice ${on ? 'choice--on' : ''}`}
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
