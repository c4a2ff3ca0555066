import { Text, View } from '@tarojs/components';
import { APPRAISAL_GRADES, APPRAISAL_GRADE_LABELS, type AppraisalResults, type GradeTally } from '@shared/api';

const tallyText = (tally: GradeTally) => APPRAISAL_GRADES.map((grade) => `${APPRAISAL_GRADE_LABELS[grade]} ${tally[grade]}`).join('｜');

/**
 * The branch's tally, and the per-member lines the server lets the caller see: every member for the committee,
 * only their own for anyone else. Lines stay in name order: no ranking of people.
 */
export function AppraisalResultsCard({ results, myUserId }: { results: AppraisalResults; myUserId: string }) {
  const onlyMine = results.members.length === 1 && results.members[0]!.userId === myUserId;
  return (
    <View className='card'>
      <Text className='card-title'>{`评议结果（共 ${results.ballots} 张选票）`}</Text>
      <Text className='field__label'>支部汇总</Text>
      <Text className='card-summary'>{tallyText(results.branch)}</Text>
      <Text className='field__label'>{onlyMine ? '我的评议结果' : '党员评议结果（按姓名排列）'}</Text>
      {results.members.map((line) => (
        <View key={line.userId} className='orglife-ballot-line'>
          <Text className='orglife-ballot-name'>{line.name}</Text>
          <Text className='card-summary'>{tallyText(line.tally)}</Text>
        </View>
      ))}
    </View>
  );
}
