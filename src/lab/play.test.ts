import { describe, expect, it } from 'vitest';
import { carryOver, MAX_BACKLOG_SECONDS, runWithinBudget, unitsOwed } from './play';

/** A fake clock that advances by `cost` ms each time a step runs. */
function fakeClock(cost: number) {
  let t = 0;
  return { now: () => t, step: () => { t += cost; return true; } };
}

describe('unitsOwed', () => {
  it('accumulates fractions of a unit across frames', () => {
    // 2 units/s at 30 fps: 1/15 of a unit per 33.3 ms frame; 16 frames (0.53 s) owe 16/15 → one unit.
    let carry = 0;
    let total = 0;
    for (let frame = 0; frame < 16; frame++) {
      const owed = unitsOwed(2, 1000 / 30, carry);
      carry = owed.carry;
      total += owed.count;
    }
    expect(total).toBe(1);
    expect(carry).toBeCloseTo(1 / 15, 9);
  });

  it('is unlimited at infinite speed and capped after a long gap', () => {
    expect(unitsOwed(Number.POSITIVE_INFINITY, 16, 0).count).toBe(Number.POSITIVE_INFINITY);
    expect(unitsOwed(20, 3_600_000, 0.5, 100)).toEqual({ count: 100, carry: 0 });
    expect(unitsOwed(20, -5, 0.25)).toEqual({ count: 0, carry: 0.25 });
  });
});

describe('runWithinBudget', () => {
  it('does as many 1 ms units as fit in 8 ms, never more', () => {
    const clock = fakeClock(1);
    const run = runWithinBudget(clock.step, clock.now, 8, Number.POSITIVE_INFINITY);
    expect(run).toEqual({ count: 8, elapsedMs: 8, stopped: false });
  });

  it('stops before a unit that would overrun: 3 ms units in 8 ms → 2', () => {
    const clock = fakeClock(3);
    expect(runWithinBudget(clock.step, clock.now, 8, 100).count).toBe(2);
  });

  it('always does one unit, even a slow one', () => {
    const clock = fakeClock(30);
    expect(runWithinBudget(clock.step, clock.now, 8, 100)).toEqual({ count: 1, elapsedMs: 30, stopped: false });
  });

  it('respects the owed count and a step that refuses', () => {
    const clock = fakeClock(0.1);
    expect(runWithinBudget(clock.step, clock.now, 8, 3).count).toBe(3);
    let left = 2;
    const run = runWithinBudget(() => left-- > 0, () => 0, 8, 10);
    expect(run).toEqual({ count: 2, elapsedMs: 0, stopped: true });
  });
});

describe('carryOver', () => {
  it('keeps what a slow frame could not do for the next frames', () => {
    // 20 units/s, a 125 ms frame owes 2.5: 2 now, 0.5 carried; it did 1, so 1.5 stays owed.
    const owed = unitsOwed(20, 125, 0);
    expect(owed).toEqual({ count: 2, carry: 0.5 });
    expect(carryOver(20, owed, 1)).toBeCloseTo(1.5, 12);
    expect(carryOver(20, owed, 2)).toBeCloseTo(0.5, 12);
  });

  it('drops what is owed past MAX_BACKLOG_SECONDS of work: a machine that cannot keep up trains as fast as it can', () => {
    // 20 units/s owed 30 (1.5 s) and did 2: at most 20 · 0.25 = 5 stay owed, not 28.
    expect(carryOver(20, { count: 30, carry: 0.25 }, 2)).toBe(20 * MAX_BACKLOG_SECONDS);
    // A fraction is never lost, even at a speed whose backlog bound is smaller.
    expect(carryOver(2, { count: 0, carry: 0.9 }, 0)).toBeCloseTo(0.9, 12);
  });

  it('owes nothing at unlimited speed', () => {
    expect(carryOver(Number.POSITIVE_INFINITY, { count: Number.POSITIVE_INFINITY, carry: 0 }, 7)).toBe(0);
  });

  it('honours a speed over many frames when each frame does only some of it: 20 units/s at 10 fps with 1 unit a frame done by the first, then all', () => {
    // Frames 100 ms apart owe 2 each; a budget that allows 1 a frame for 3 frames leaves 3 owed, caught up after.
    let carry = 0;
    let done = 0;
    for (let frame = 0; frame < 10; frame++) {
      const owed = unitsOwed(20, 100, carry);
      const did = frame < 3 ? Math.min(1, owed.count) : owed.count;
      carry = carryOver(20, owed, did);
      done += did;
    }
    expect(done).toBe(20);
  });
});
