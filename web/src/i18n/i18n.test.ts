import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ko from './ko.json';

const srcDir = fileURLToPath(new URL('..', import.meta.url));

function flatten(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? flatten(value, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** `loans.title_one` and `loans.title_other` are the plural forms of `loans.title`. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function sources(): string[] {
  return readdirSync(srcDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

describe('the i18n files', () => {
  const koKeys = new Set(flatten(ko).map(base));
  const enKeys = new Set(flatten(en).map(base));

  it('have the same strings in Korean and English', () => {
    expect([...koKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !koKeys.has(k))).toEqual([]);
  });

  it('hold every string the app asks for', () => {
    const used = new Set<string>();
    for (const source of sources()) {
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(200);
    expect([...used].filter((key) => !koKeys.has(key))).toEqual([]);
  });

  it('name every kind of notice the API sends (the notice log shows them by kind)', () => {
    const schema = readFileSync(path.join(srcDir, 'api/schema.gen.ts'), 'utf8');
    const union = /kind: ("due_soon"[^;]*);/.exec(schema)?.[1] ?? '';
    const kinds = [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
    expect(kinds).toContain('hold_ready');
    expect(kinds.filter((kind) => !koKeys.has(`notices.kind.${kind}`))).toEqual([]);
  });

  it('give English plurals for every count', async () => {
    const plural = flatten(en).filter((k) => k.endsWith('_other'));
    for (const key of plural) expect(flatten(en)).toContain(key.replace(/_other$/, '_one'));
    const { default: i18n } = await import('./index');
    const t = i18n.getFixedT('en');
    const rules = { books: 5, days: 14 };
    expect(t('library.rulesShort', { ...rules, count: 1 })).toBe('5 books · 14 days · 1 renewal');
    expect(t('library.rulesShort', { ...rules, count: 2 })).toBe('5 books · 14 days · 2 renewals');
    expect(i18n.getFixedT('ko')('library.rulesShort', { ...rules, count: 1 })).toBe(
      '5권 · 14일 · 연장 1회',
    );
    const due = { date: 'Tue 15 December 2026', movesTo: 'Wed 16 December 2026', count: 1 };
    expect(t('calendar.loansDue', due)).toMatch(
      /^1 open loan falls due on Tue 15 December 2026\. /,
    );
    expect(t('holidays.loansDue', due)).toMatch(/^1 open loan in the network falls due on /);
    expect(t('holidays.fileRead', { count: 1 })).toBe('1 public holiday read from the file.');
  });
});

describe('Korean as Koreans write it (issue 17)', () => {
  it('inserts names, numbers and dates with the particle that fits, never "이(가)"', async () => {
    const { default: i18n } = await import('./index');
    const { formatDate, formatDateTime } = await import('./format');
    const t = i18n.getFixedT('ko');
    expect(t('network.started', { name: '남해군화전도서관' })).toBe(
      '남해군화전도서관이 참여를 시작했습니다.',
    );
    expect(t('network.started', { name: '경남대표도서관 분관' })).toBe(
      '경남대표도서관 분관이 참여를 시작했습니다.',
    );
    expect(t('admin.holidayAdded', { date: formatDate('2026-12-03', 'ko') })).toBe(
      '2026년 12월 3일 (목)을 휴관일로 정했습니다.',
    );
    expect(
      t('loans.renewed', { title: '채식주의자', date: formatDate('2026-12-20', 'ko') }),
    ).toContain('2026년 12월 20일 (일)로 연장되었습니다');
    expect(JSON.stringify(ko)).not.toMatch(/\((을|를|이|가|은|는|으로|로|과|와)\)/);
    expect(formatDateTime('2026-12-02T06:05:00Z', 'ko')).toBe('2026년 12월 2일 (수) 15:05');
    // A chart's axis: the month named in English, never "08/11".
    const { formatShortDate } = await import('./format');
    expect(formatShortDate('2026-11-08', 'en')).toBe('8 Nov');
    expect(formatShortDate('2026-11-08', 'ko')).toBe('11. 8.');
    expect(formatDateTime('2026-12-02T06:05:00Z', 'en')).toBe('Wed 2 December 2026, 15:05');
  });
});

describe('due dates as countdowns (issue 17)', () => {
  it('counts whole days from the service’s day: D-3, D-day, and days late', async () => {
    const { dueCountdown, daysBetween } = await import('./format');
    expect(dueCountdown('2026-12-18', '2026-12-15')).toEqual({ kind: 'left', days: 3 });
    expect(dueCountdown('2026-12-15', '2026-12-15')).toEqual({ kind: 'today' });
    expect(dueCountdown('2026-12-13', '2026-12-15')).toEqual({ kind: 'late', days: 2 });
    // Across a month, a year and a leap day; never off by one near midnight or DST.
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('says them as Korean readers know them, and plainly in English', async () => {
    const { default: i18n } = await import('./index');
    const { dueCountdown, formatCountdown } = await import('./format');
    const say = (language: 'ko' | 'en', due: string) =>
      formatCountdown(dueCountdown(due, '2026-12-15'), i18n.getFixedT(language));
    expect(
      ['2026-12-18', '2026-12-16', '2026-12-15', '2026-12-14', '2026-12-13'].map((d) =>
        say('ko', d),
      ),
    ).toEqual(['D-3', 'D-1', 'D-day', '1일 연체', '2일 연체']);
    expect(
      ['2026-12-18', '2026-12-16', '2026-12-15', '2026-12-14', '2026-12-13'].map((d) =>
        say('en', d),
      ),
    ).toEqual(['3 days left', '1 day left', 'Due today', '1 day overdue', '2 days overdue']);
  });
});
