/**
 * Items of the assistant in the one table (see shared/runtime/table.ts for the others). The shipped passages
 * are a data file (corpus/passages.json); the table holds only what admins changed, under one small partition.
 *
 * | item                 | pk                | sk                  | attributes                                          |
 * |----------------------|-------------------|---------------------|-----------------------------------------------------|
 * | corpus version       | ASSISTANT#CORPUS  | VERSION             | version (bumped by every change)                    |
 * | passage change       | ASSISTANT#CORPUS  | PASSAGE#<id>        | an added passage, or a shipped one's retirement     |
 * | change history       | ASSISTANT#CORPUS  | CHANGE#<version>    | what changed in that version, by whom, when         |
 *
 * Access patterns:
 * - the version in force (every question, to rebuild the index when it moved): GetItem VERSION
 * - the admins' changes (on a new version, and the admin list): Query ASSISTANT#CORPUS begins_with PASSAGE#
 * - a change: one transaction of the version (conditioned on the version read), the passage and its history entry
 *
 * No question, answer or member is stored: the assistant keeps nothing of who asked what.
 */
import type { KeyPartitions } from '../../shared/runtime/deployment';

export const ASSISTANT_PARTITIONS: KeyPartitions = { table: ['ASSISTANT#*'] };

const CORPUS_PK = 'ASSISTANT#CORPUS';

export const assistantKeys = {
  corpusPartition: CORPUS_PK,
  version: () => ({ pk: CORPUS_PK, sk: 'VERSION' }),
  passage: (id: string) => ({ pk: CORPUS_PK, sk: `PASSAGE#${id}` }),
  passagePrefix: 'PASSAGE#',
  change: (version: number) => ({ pk: CORPUS_PK, sk: `CHANGE#${String(version).padStart(10, '0')}` }),
};
