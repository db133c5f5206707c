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

  it('give English plurals for every count', () => {
    const plural = flatten(en).filter((k) => k.endsWith('_other'));
    for (const key of plural) expect(flatten(en)).toContain(key.replace(/_other$/, '_one'));
  });
});
