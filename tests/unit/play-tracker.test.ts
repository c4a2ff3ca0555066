import { PlayTracker } from '../../miniapp/src/courses/services/play-tracker';

describe('the player time-update tracker', () => {
  it('records what was played, and a seek ahead does not count the skipped part', () => {
    const tracker = new PlayTracker();
    for (let second = 0; second <= 30; second += 0.5) tracker.update(second);
    tracker.update(500); // dragged to near the end
    for (let second = 500.5; second <= 510; second += 0.5) tracker.update(second);
    expect(tracker.take()).toEqual([[0, 30], [500, 510]]);
    expect(tracker.take()).toEqual([]);
  });

  it('keeps playing on after a periodic take, and a pause ends the interval', () => {
    const tracker = new PlayTracker();
    for (let second = 10; second <= 70; second += 1) tracker.update(second);
    expect(tracker.pendingSeconds()).toBe(60);
    expect(tracker.take()).toEqual([[10, 70]]);
    for (let second = 71; second <= 80; second += 1) tracker.update(second);
    tracker.close();
    tracker.update(5); // replay from the start after a pause
    tracker.update(6);
    expect(tracker.take()).toEqual([[70, 80], [5, 6]]);
  });
});
