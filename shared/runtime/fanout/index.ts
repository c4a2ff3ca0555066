export { chunk, type UnitHandler, type UnitOutcome, type WorkUnit } from './work-unit';
export { fanOut, type FanOutPlan } from './plan';
export { readRun, unitRecords, type JobRun, type RunStatus, type UnitRecord } from './runs';
export { unitConsumer } from './consumer';
export { JOB_RUN_PARTITIONS } from './keys';
