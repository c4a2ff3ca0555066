import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiReference } from './api-reference';

const target = join(__dirname, '..', '..', 'docs', 'api.md');
writeFileSync(target, apiReference());
console.log(`wrote ${target}`);
