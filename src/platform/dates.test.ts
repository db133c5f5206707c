import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDateOf, ManualClock } from './clock.js';
import { addDays, ageOn, daysBetween, isValidDate, wallClockTime, weekdayOf } from './dates.js';

describe('business dates in Korea', () => {
  it('takes "today" in Asia/Seoul, not UTC', () => {
    expect(businessDateOf(new Date('2026-12-31T14:59:59Z'))).toBe('2026-12-31');
    expect(businessDateOf(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });

  it('gives the Korean date of any instant, in any order of asking', () => {
    const seoul = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), {
          minLength: 1,
          maxLength: 20,
        }),
        (instants) => {
          for (const ms of instants.flatMap((t) => [t, t + 1, t - 1])) {
            expect(businessDateOf(new Date(ms))).toBe(seoul.format(new Date(ms)));
          }
        },
      ),
    );
    // Either side of midnight in Seoul, asked one after the other.
    expect(businessDateOf(new Date('2027-03-01T14:59:59.999Z'))).toBe('2027-03-01');
    expect(businessDateOf(new Date('2027-03-01T15:00:00.000Z'))).toBe('2027-03-02');
    expect(businessDateOf(new Date('2027-03-01T14:59:59.999Z'))).toBe('2027-03-01');
  });

  it('reads the wall-clock time of any instant in any zone, in any order of asking', () => {
    const zones = ['Asia/Seoul', 'UTC', 'America/St_Johns'];
    const formats = zones.map(
      (timeZone) =>
        new Intl.DateTimeFormat('sv-SE', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        }),
    );
    const asText = (ms: number, zone: number) => {
      const t = wallClockTime(new Date(ms), zones[zone]!);
      return `${t.year}-${t.month}-${t.day} ${t.hour}:${t.minute}:${t.second}`;
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
            fc.integer({ min: 0, max: zones.length - 1 }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (asks) => {
          // The same second again, the next and the one before: each is its own.
          for (const [t, zone] of asks) {
            for (const ms of [t, t + 1, t + 1000, t - 1000, t]) {
              expect(asText(ms, zone)).toBe(formats[zone]!.format(new Date(ms)));
            }
          }
        },
      ),
    );
    // The last millisecond of a second, then the first of the next, in Seoul.
    expect(asText(Date.parse('2027-03-01T14:59:59.999Z'), 0)).toBe('2027-03-01 23:59:59');
    expect(asText(Date.parse('2027-03-01T15:00:00.000Z'), 0)).toBe('2027-03-02 00:00:00');
  });

  it('moves with the manual clock', () => {
    const clock = new ManualClock('2026-12-01T10:00:00+09:00');
    clock.advanceDays(31);
    expect(clock.today()).toBe('2027-01-01');
    clock.setBusinessDate('2027-02-28');
    expect(clock.today()).toBe('2027-02-28');
  });

  it('does calendar arithmetic across month and year ends', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-20', 10)).toBe('2028-03-01');
    expect(daysBetween('2026-12-28', '2027-01-02')).toBe(5);
    expect(weekdayOf('2026-11-30')).toBe(1);
  });

  it('rejects impossible dates', () => {
    expect(isValidDate('2026-02-30')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('20260101')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
  });

  it('counts age in whole years', () => {
    expect(ageOn('2012-12-02', '2026-12-01')).toBe(13);
    expect(ageOn('2012-12-01', '2026-12-01')).toBe(14);
  });
});
