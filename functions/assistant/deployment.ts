import { MODERATION_ACCESS, MODERATION_DATA_FILES } from '../../shared/moderation';
import type { FunctionDeployment, TableAction } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { DIRECTORY_READ_ACCESS } from '../../shared/runtime/member-directory';
import { JIEBA_DICTIONARY_FILE, JIEBA_NATIVE_MODULE } from '../../shared/text/jieba';
import { COURSE_PARTITIONS } from '../course-push/keys';
import { DUES_PARTITIONS } from '../dues/keys';
import { SIGNUP_PARTITIONS } from '../signup/keys';
import { CORPUS_FILE } from './corpus/shipped';
import { ASSISTANT_PARTITIONS } from './keys';

/** The member's own data is read through the capabilities' domain reads: reading, never writing, their items. */
const READ_ONLY: TableAction[] = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

export const deployment: FunctionDeployment = {
  table: [
    // The admins' changes to the corpus: a version, passages and their history, written in one transaction.
    { actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], ...ASSISTANT_PARTITIONS },
    // "我这个月党费多少": the member's bill (dues), "我还差多少学时": their study record and the catalogue
    // (course-push), "下次主题党日": the activities open to them (sign-up); the profile for course eligibility.
    { actions: READ_ONLY, ...DUES_PARTITIONS },
    // Of course-push's partitions, the catalogue, the member's learning and the settings (not the model or push runs).
    {
      actions: READ_ONLY,
      table: COURSE_PARTITIONS.table.filter((pattern) => !/^(COURSEMODEL|PUSHSTATE|PUSHRUN|PUSHPLAN)/.test(pattern)),
      indexes: { gsi1: (COURSE_PARTITIONS.indexes?.gsi1 ?? []).filter((pattern) => pattern !== 'PUSHRUNS') },
    },
    { actions: READ_ONLY, ...SIGNUP_PARTITIONS },
    // "下次主题党日": the member's next meetings of organisation life, through its meetings index.
    { actions: ['dynamodb:Query'], table: [], indexes: { gsi1: ['ORGLIFE-MEETINGS#*'] } },
    DIRECTORY_READ_ACCESS,
    // An activity's organising unit (its name in the answer), owned by identity: read by key only.
    { actions: ['dynamodb:GetItem'], table: ['ORG#*'] },
    // dues' store module, bundled for the bill read, also queues reminders in the outbox: the assistant never
    // does, so it may only read there (IAM's leading keys still cover every key its bundle can build).
    { actions: ['dynamodb:GetItem'], table: ['OUTBOX#*'] },
    // The HTTP stack counts server-side failures of feature routes into the usage rollups (guardrails).
    FEEDBACK_SIGNAL_ACCESS,
    // Questions and admins' passages pass the moderation filter; the personal answers respect the toggles.
    MODERATION_ACCESS,
    FEATURE_GATE_ACCESS,
  ],
  dataFiles: [CORPUS_FILE, JIEBA_DICTIONARY_FILE, ...MODERATION_DATA_FILES],
  // Chinese word segmentation (@node-rs/jieba) is a native module: shipped beside the bundle, not inside it.
  nativeModules: [JIEBA_NATIVE_MODULE],
  // jieba's dictionary loads once per copy (about a second at 1 GB); answers then take well under 50 ms.
  memorySize: 1024,
  timeout: 10,
  // The optional model stays off unless the deploying shell says otherwise (the group's decision, not ours).
  environment: {
    ASSISTANT_MODEL: '${env:ASSISTANT_MODEL, "off"}',
    ASSISTANT_BEDROCK_MODEL_ID: '${env:ASSISTANT_BEDROCK_MODEL_ID, ""}',
    ASSISTANT_WHERE_TO_ASK: '${env:ASSISTANT_WHERE_TO_ASK, "请向所在党支部书记咨询，或联系上级党委组织部门。"}',
  },
};
