import { Text, View } from '@tarojs/components';
import '../signup.css';

/** A row of figures with their labels (counts only: never a ranking of people). */
export function SummaryGrid({ cells }: { cells: Array<{ label: string; value: number }> }) {
  return (
    <View className='summary-grid'>
      {cells.map((cell) => (
        <View key={cell.label} className='summary-grid__cell'>
          <Text className='summary-grid__number'>{cell.value}</Text>
          <Text className='summary-grid__label'>{cell.label}</Text>
        </View>
      ))}
    </View>
  );
}
