import { ballotProblems } from '../../functions/org-life/ballot';

const branch = ['a', 'b', 'c', 'd'];

describe('the 民主评议 ballot', () => {
  it('grades every other member exactly once', () => {
    expect(ballotProblems(branch, 'a', [{ userId: 'b', grade: 'excellent' }, { userId: 'c', grade: 'qualified' }, { userId: 'd', grade: 'unqualified' }])).toEqual([]);
  });

  it('refuses a ballot missing someone, grading someone twice, grading oneself or a stranger', () => {
    expect(ballotProblems(branch, 'a', [{ userId: 'b', grade: 'excellent' }])).toEqual(['还有 2 名党员没有评议']);
    expect(ballotProblems(branch, 'a', [{ userId: 'b', grade: 'excellent' }, { userId: 'b', grade: 'basic' }, { userId: 'c', grade: 'qualified' }, { userId: 'd', grade: 'qualified' }])).toEqual(['b 被重复评议']);
    expect(ballotProblems(branch, 'a', [{ userId: 'a', grade: 'excellent' }, { userId: 'b', grade: 'qualified' }, { userId: 'c', grade: 'qualified' }, { userId: 'd', grade: 'qualified' }])).toEqual(['不能评议自己（个人自评另行进行）']);
    expect(ballotProblems(branch, 'a', [{ userId: 'x', grade: 'excellent' }, { userId: 'b', grade: 'qualified' }, { userId: 'c', grade: 'qualified' }, { userId: 'd', grade: 'qualified' }])).toEqual(['x 不在本次评议名单中']);
  });
});
