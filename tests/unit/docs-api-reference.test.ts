import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ENDPOINTS } from '../../shared/api/registry';
import { apiReference } from '../../scripts/docs/api-reference';

describe('docs/api.md', () => {
  const written = readFileSync(join(__dirname, '..', '..', 'docs', 'api.md'), 'utf8');

  it('is the reference generated from the contract (run `npm run docs:api` after changing an endpoint)', () => {
    expect(written).toBe(apiReference());
  });

  it('lists every route of the contract once', () => {
    for (const endpoint of ALL_ENDPOINTS) {
      const occurrences = written.split(`\`${endpoint.method} ${endpoint.path}\``).length - 1;
      expect({ route: `${endpoint.method} ${endpoint.path}`, occurrences }).toEqual({
        route: `${endpoint.method} ${endpoint.path}`,
        occurrences: 1,
      });
    }
  });
});
