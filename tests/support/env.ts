// Every test starts from the local stage's defaults; tests that need otherwise set and reset them.
process.env.STAGE = 'local';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'SILENT';
process.env.POWERTOOLS_DEV = 'true';
