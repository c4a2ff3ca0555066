import { STAGE_LABELS, STEPS, TRANSFER_STATUS_LABELS, type Stage, type StepKind, type TransferStatus } from '@shared/api';

export const stageLabel = (stage: Stage) => STAGE_LABELS[stage];
export const stepLabel = (kind: StepKind) => STEPS.find((step) => step.kind === kind)?.label ?? kind;
export const transferStatusLabel = (status: TransferStatus) => TRANSFER_STATUS_LABELS[status];
export const isBranchManager = (roles: readonly string[]) => roles.includes('secretary') || roles.includes('admin');
