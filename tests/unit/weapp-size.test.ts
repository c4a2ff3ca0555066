import { accountSizes, budgetFailures, formatReport, KB, MB, packageOf } from '../../scripts/size/accounting';

describe('weapp size accounting', () => {
  const roots = ['feedback', 'dues/'];

  it('gives a sub-package everything under its root folder and main everything else', () => {
    expect(packageOf('feedback/pages/dashboard/index.js', roots)).toBe('feedback');
    expect(packageOf('dues/sub-vendors.js', roots)).toBe('dues');
    // Shared chunks the bundler hoists to the top are downloaded with the main package.
    expect(packageOf('common.js', roots)).toBe('main');
    expect(packageOf('pages/index/index.js', roots)).toBe('main');
    // A root is a whole folder name, not a prefix of another folder.
    expect(packageOf('dues-extra/index.js', roots)).toBe('main');
    expect(packageOf('feedbackish.js', roots)).toBe('main');
  });

  it('sums the uploaded files per package and leaves out tool settings, source maps and licence notes', () => {
    const report = accountSizes(
      [
        { path: 'app.js', bytes: 300 * KB },
        { path: 'vendors.js', bytes: 100 * KB },
        { path: 'vendors.js.LICENSE.txt', bytes: 50 * KB },
        { path: 'project.config.json', bytes: 10 * KB },
        { path: 'feedback/pages/dashboard/index.js', bytes: 560 * KB },
        { path: 'feedback/pages/dashboard/index.js.map', bytes: 900 * KB },
        { path: 'dues/pages/index/index.wxml', bytes: 20 * KB },
      ],
      roots,
    );
    expect(formatReport(report)).toEqual(['main: 400 KB', 'sub feedback: 560 KB', 'sub dues: 20 KB', 'total: 980 KB']);
  });

  it('fails a main package over 1 MB, any package over 2 MB and a total over 20 MB', () => {
    const within = accountSizes([{ path: 'app.js', bytes: MB }, { path: 'feedback/a.js', bytes: 2 * MB }], roots);
    expect(budgetFailures(within)).toEqual([]);

    const heavyMain = accountSizes([{ path: 'app.js', bytes: MB + 1 }], roots);
    expect(budgetFailures(heavyMain)).toEqual([expect.stringContaining('main package')]);

    const heavySub = accountSizes([{ path: 'feedback/a.js', bytes: 2 * MB + 1 }], roots);
    expect(budgetFailures(heavySub)).toEqual([expect.stringContaining('feedback')]);

    const manySubs = Array.from({ length: 11 }, (_, index) => `sub${index}`);
    const heavyTotal = accountSizes(manySubs.map((root) => ({ path: `${root}/a.js`, bytes: 2 * MB })), manySubs);
    expect(budgetFailures(heavyTotal)).toEqual([expect.stringContaining('total limit')]);
  });
});
