import { Pacer, paceSchedule } from '../../functions/course-push/push/pacing';

describe('pacing of the weekly push', () => {
  it('schedules calls 1/rate seconds apart from the start', () => {
    expect(paceSchedule(1_000, 4, 10)).toEqual([1_000, 1_100, 1_200, 1_300]);
    expect(paceSchedule(0, 3, 4)).toEqual([0, 250, 500]);
    expect(paceSchedule(0, 0, 10)).toEqual([]);
  });

  it('waits only for what is left of a slot, and not at all when work ran past it', async () => {
    let now = 5_000;
    const waits: number[] = [];
    const pacer = new Pacer(2, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    await pacer.next(); // slot 5,000: no wait
    now += 100; // the first call took 100 ms
    await pacer.next(); // slot 5,500
    now += 800; // the second call took longer than a slot
    await pacer.next(); // slot 6,000 already passed
    expect(waits).toEqual([400]);
    expect(pacer.nextSlot()).toBe(6_500);
  });
});
