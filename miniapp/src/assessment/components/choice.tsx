import { Text, View } from '@tarojs/components';
import { aria } from '../../components/a11y';

/** A row of large tap targets for one choice among a few (easier than a picker for older hands). */
export function Choice<T extends string>({ label, options, value, onChange }: { label: string; options: ReadonlyArray<{ value: T; text: string }>; value: T; onChange: (value: T) => void }) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <View className='as-choice'>
        {options.map((option) => (
          <Text
            key={option.value}
            className={`as-choice__item${option.value === value ? ' as-choice__item--on' : ''}`}
            {...aria('button', `${label}：${option.text}`, { 'aria-pressed': String(option.value === value) })}
            onClick={() => onChange(option.value)}
          >
            {option.text}
          </Text>
        ))}
      </View>
    </View>
  );
}
