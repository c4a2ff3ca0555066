import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';

interface ChipsProps<T extends string> {
  options: ReadonlyArray<{ value: T; label: string }>;
  chosen: readonly T[];
  onChange: (chosen: T[]) => void;
}

/** A set of large tappable chips that work as checkboxes. */
export function Chips<T extends string>({ options, chosen, onChange }: ChipsProps<T>) {
  return (
    <View className='fb-chips'>
      {options.map((option) => {
        const on = chosen.includes(option.value);
        return (
          <View
            key={option.value}
            className={`fb-chip${on ? ' fb-chip--on' : ''}`}
            {...aria('button', option.label, { 'aria-pressed': String(on) })}
            onClick={() => onChange(on ? chosen.filter((value) => value !== option.value) : [...chosen, option.value])}
          >
            <Text>{on ? `✓ ${option.label}` : option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
