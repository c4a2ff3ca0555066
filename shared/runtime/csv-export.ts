/** The sign-up exports' CSV writer lives in shared/runtime/csv-file.ts (the assessment exports use it too). */
export * from '../../shared/runtime/csv-file';
