import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REGISTRATION_STATUS_LABELS, type Activity, type RegistrationStatus, type SignupState } from '@shared/api';
import { aria } from '../../../components/a11y';
import { SIGNUP_ROUTES, withQuery } from '../../../routes';
import { SIGNUP_STATE_LABELS, seatsLine, typeLabel } from '../../services/labels';
import { timeRange } from '../../services/time';
import '../../signup.css';

interface ActivityCardProps {
  activity: Activity;
  signupState?: SignupState;
  myStatus?: RegistrationStatus;
  /** A line about the member's own registration, in place of the status label. */
  note?: string;
}

/** One activity in a list: what, when, where, seats — tap for the detail. */
export function ActivityCard({ activity, signupState, myStatus, note }: ActivityCardProps) {
  const open = () => void Taro.navigateTo({ url: withQuery(SIGNUP_ROUTES.detail, { id: activity.id }) });
  return (
    <View className='card signup-card' {...aria('link', activity.title)} onClick={open}>
      <View className='signup-card__head'>
        <Text className='signup-tag'>{typeLabel(activity)}</Text>
        {signupState ? <Text className={`signup-state signup-state--${signupState}`}>{SIGNUP_STATE_LABELS[signupState]}</Text> : null}
      </View>
      <Text className='card-title'>{activity.title}</Text>
      <Text className='card-summary'>{timeRange(activity.startAt, activity.endAt)}</Text>
      <Text className='card-summary'>{activity.place}</Text>
      {signupState === 'open' || signupState === 'not-open' ? <Text className='signup-seats'>{seatsLine(activity)}</Text> : null}
      {note || myStatus ? <Text className='signup-mine'>{note ?? REGISTRATION_STATUS_LABELS[myStatus!]}</Text> : null}
    </View>
  );
}
