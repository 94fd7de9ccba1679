import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulators/kernel/clock.ts';

describe('virtual clock', () => {
  it('runs with real time plus an offset that advance() moves', () => {
    const clock = new Clock();
    const before = clock.nowMs();
    clock.advance(3600);
    expect(clock.nowMs() - before).toBeGreaterThanOrEqual(3600_000);
    expect(clock.state().frozen).toBe(false);
    expect(clock.state().offsetSeconds).toBe(3600);
  });

  it('freezes at an instant, moves only with advance, and resumes from there', () => {
    const clock = new Clock();
    clock.freeze(new Date('2030-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    clock.advance(90);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:01:30.000Z');
    clock.unfreeze();
    expect(clock.nowMs()).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:01:30Z'));
    expect(clock.state().frozen).toBe(false);
  });

  it('tells listeners about every change and rejects non-finite steps', () => {
    const clock = new Clock();
    let calls = 0;
    const off = clock.onChange(() => calls++);
    clock.advance(1);
    clock.freeze();
    clock.set(new Date('2031-05-05T00:00:00Z'));
    clock.reset();
    off();
    clock.advance(1);
    expect(calls).toBe(4);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });
});
