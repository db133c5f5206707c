import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TESTS_REPLACING_MODULES } from '../support/isolated-tests.js';

const ROOT = resolve(import.meta.dirname, '../..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

/**
 * A test file that replaces a module, run where files share one module registry, would see the
 * real module whenever another file of its worker imported it first: its counts would pass or
 * fail with the order of the files. Such a file must be listed in test/support/isolated-tests.ts.
 */
describe('tests that replace a module', () => {
  it('run isolated: every file calling vi.mock is listed, and every listed file calls it', () => {
    const replacing = ['src', 'test']
      .flatMap((dir) => testFiles(join(ROOT, dir)))
      .filter((file) => /\bvi\.(do)?mock\(/.test(readFileSync(join(ROOT, file), 'utf8')))
      .sort();
    expect(replacing).toEqual([...TESTS_REPLACING_MODULES].sort());
  });
});
