import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Course } from '@shared/api';
import { aria } from '../../components/a11y';
import { COURSE_ROUTES, withQuery } from '../../routes';
import { courseMeta } from '../services/labels';

interface CourseCardProps {
  course: Course;
  /** Why it is recommended, strongest first. */
  reasons?: string[];
  /** The member's own state of the course, e.g. 「已学 40%」. */
  note?: string;
}

/** One course as a tappable card: title, format, hours, required or not, and why it is listed. */
export function CourseCard({ course, reasons, note }: CourseCardProps) {
  return (
    <View className='card' {...aria('link', course.title)} onClick={() => void Taro.navigateTo({ url: withQuery(COURSE_ROUTES.detail, { id: course.courseId }) })}>
      <Text className='card-title'>{course.title}</Text>
      <Text className={`card-summary${course.required ? ' course-tag-required' : ''}`}>{courseMeta(course)}</Text>
      {note ? <Text className='card-summary'>{note}</Text> : null}
      {reasons && reasons.length > 0 ? (
        <View className='course-reasons'>
          {reasons.map((reason) => (
            <Text key={reason} className='course-reason'>
              {reason}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
