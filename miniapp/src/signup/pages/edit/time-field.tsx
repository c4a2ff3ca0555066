import { Picker, Text, View } from '@tarojs/components';
import '../../signup.css';

interface TimeFieldProps {
  label: string;
  value: { date: string; time: string };
  onChange: (part: 'date' | 'time', value: string) => void;
}

/** A date and a time, each picked from the phone's own wheel (Beijing time). */
export function TimeField({ label, value, onChange }: TimeFieldProps) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <View className='field__pair'>
        <Picker className='field__picker' mode='date' value={value.date} aria-label={`${label}日期`} onChange={(event) => onChange('date', String(event.detail.value))}>
          <Text className='field__picker-value'>{value.date}</Text>
        </Picker>
        <Picker className='field__picker' mode='time' value={value.time} aria-label={`${label}时间`} onChange={(event) => onChange('time', String(event.detail.value))}>
          <Text className='field__picker-value'>{value.time}</Text>
        </Picker>
      </View>
    </View>
  );
}
