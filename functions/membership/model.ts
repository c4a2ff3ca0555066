import type { Stage, StepRecord } from '../../shared/api/membership-model';
import type { Letter, TransferStatus } from '../../shared/api/membership';
import type { Envelope } from './privacy/envelope';

/** A person's record as stored: the ID number only sealed (privacy/envelope.ts) and masked. */
export interface PersonRecord {
  personId: string;
  userId?: string;
  name: string;
  branchId: string;
  sex: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  idNumber: Envelope;
  idNumberMasked: string;
  /** Standing of a member recorded without an application (steps empty); otherwise the steps decide. */
  standing?: Stage;
  standingSince?: string;
  steps: StepRecord[];
  createdBy: string;
  createdRequest: string;
  createdAt: string;
  updatedAt: string;
  /** Optimistic concurrency: every step write expects the version it read. */
  version: number;
}

export interface TransferRecord {
  id: string;
  userId: string;
  name: string;
  kind: 'inside' | 'outside';
  fromBranchId: string;
  fromName: string;
  toBranchId?: string;
  toName: string;
  reason: string;
  status: TransferStatus;
  requestedBy: string;
  requestedAt: string;
  letter?: Letter;
  returnReason?: string;
  decidedBy?: string;
  decidedAt?: string;
  receipt?: { receivedBy: string; receivedOn: string; recordedBy: string };
  moved?: { duesBills: number; studyRecords: number };
  updatedAt: string;
}
