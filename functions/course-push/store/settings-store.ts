import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { courseSettingsSchema, type CourseSettings } from '../../../shared/api/courses';
import { db, tableName } from '../../../shared/runtime/db';
import { courseKeys } from '../keys';

/** The admins' settings, or undefined when none were saved (or they no longer fit the schema). */
export async function storedSettings(): Promise<CourseSettings | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.settings() }));
  const parsed = courseSettingsSchema.safeParse(Item?.settings);
  return parsed.success ? parsed.data : undefined;
}

export async function saveSettings(settings: CourseSettings, by: string, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...courseKeys.settings(), type: 'course-settings', settings, updatedBy: by, updatedAt: now.toISOString() } }));
}
