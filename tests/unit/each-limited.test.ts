import { eachLimited, mapLimited } from '../../shared/runtime/each-limited';

/** The bounded fan-in every job uses to keep a few DynamoDB requests in flight: never more than the limit at once. */
const slowly = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('work over many items, a few at a time', () => {
  it('never runs more than the limit at once, and runs every item once', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await eachLimited([...Array(20).keys()], 3, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await slowly(item % 4);
      seen.push(item);
      running -= 1;
    });
    expect(most).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });

  it('keeps each result in the items’ order, whichever finishes first', async () => {
    const results = await mapLimited([5, 1, 4, 0, 3], 2, async (ms) => {
      await slowly(ms);
      return `done ${ms}`;
    });
    expect(results).toEqual(['done 5', 'done 1', 'done 4', 'done 0', 'done 3']);
    expect(await mapLimited([], 4, async () => 1)).toEqual([]);
  });
});
