import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { courseSchema, type Course } from '../../../shared/api/courses';
import { AppError } from '../../../shared/runtime/app-error';
import { db, tableName } from '../../../shared/runtime/db';
import { courseKeys } from '../keys';
import { isConditionFailure, queryAll, type Item } from './dynamo';

/** A course as stored: the contract's course plus its segmented words for the recommender. */
export interface StoredCourse extends Course {
  titleTerms: string[];
  summaryTerms: string[];
}

/** The table's `type` attribute names the item kind, so the course's format is stored as `courseType`. */
function courseItem(course: StoredCourse): Item {
  const { type: courseType, ...fields } = course;
  return { ...courseKeys.course(course.courseId), ...courseKeys.courseIndex(course.courseId), ...fields, type: 'course', courseType };
}

function toStoredCourse(item: Item): StoredCourse {
  const course = courseSchema.parse({ ...item, type: item.courseType });
  const words = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return { ...course, titleTerms: words(item.titleTerms), summaryTerms: words(item.summaryTerms) };
}

export async function getCourse(courseId: string): Promise<StoredCourse | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.course(courseId) }));
  return Item ? toStoredCourse(Item) : undefined;
}

/** The whole catalogue, published and archived (hundreds of courses). */
export async function listAllCourses(): Promise<StoredCourse[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'COURSES' } });
  return items.map(toStoredCourse);
}

/** Writes a new course, or replaces one only if it still has the version the admin edited. */
export async function saveCourse(course: StoredCourse, expectedUpdatedAt?: string): Promise<void> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: courseItem(course),
        ConditionExpression: expectedUpdatedAt === undefined ? 'attribute_not_exists(pk)' : 'updatedAt = :expected',
        ...(expectedUpdatedAt === undefined ? {} : { ExpressionAttributeValues: { ':expected': expectedUpdatedAt } }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new AppError(409, 'CONFLICT', '这门课程刚被其他管理员修改，请刷新后重试');
    throw error;
  }
}

/** Upserts courses in transactions of at most 100, so each chunk of an import lands whole or not at all. */
export async function putCourses(courses: StoredCourse[]): Promise<void> {
  for (let start = 0; start < courses.length; start += 100) {
    const chunk = courses.slice(start, start + 100);
    await db().send(new TransactWriteCommand({ TransactItems: chunk.map((course) => ({ Put: { TableName: tableName(), Item: courseItem(course) } })) }));
  }
}

export { courseItem };
