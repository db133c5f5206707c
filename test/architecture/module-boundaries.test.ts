import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each module under src/modules has a front door, its `index.ts`: code outside a module (another
 * module, the SIP2 server, the CLI, the seed, the app) imports only that, never a repository or
 * other internals. A new import through the back door fails here with the file that makes it.
 */
const SRC = resolve(import.meta.dirname, '../../src');
const MODULES = join(SRC, 'modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The relative module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm);
  return [...found].map((match) => match[1]!);
}

/** The module a file belongs to, or null outside src/modules. */
function moduleOf(file: string): string | null {
  const path = relative(MODULES, file);
  return path.startsWith('..') ? null : path.split('/')[0]!;
}

function backDoorImports(): string[] {
  const offences: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = moduleOf(file);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      const to = moduleOf(target);
      if (to === null || to === from) continue;
      if (relative(join(MODULES, to), target) !== 'index.ts') {
        offences.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
  }
  return offences;
}

describe('module front doors', () => {
  it('finds every kind of import', () => {
    const text = [
      "import { a } from '../x/a.js';",
      "import type {\n  B,\n} from '../y/b.js';",
      "export * from './c.js';",
      "const d = await import('../d/index.js');",
      "import '../e/side-effect.js';",
      "import { f } from 'kysely';",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      '../x/a.js',
      '../y/b.js',
      './c.js',
      '../d/index.js',
      '../e/side-effect.js',
    ]);
  });

  it('every module has an index.ts', () => {
    const modules = readdirSync(MODULES, { withFileTypes: true }).filter((d) => d.isDirectory());
    const missing = modules.filter((d) => !readdirSync(join(MODULES, d.name)).includes('index.ts'));
    expect(missing.map((d) => d.name)).toEqual([]);
  });

  it('code outside a module imports only its index.ts', () => {
    expect(backDoorImports()).toEqual([]);
  });
});
