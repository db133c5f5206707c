/**
 * The OpenAPI document, straight from the routes (no database, no listening socket):
 *   tsx scripts/openapi.ts lint    write it and lint it with Redocly CLI (recommended rules)
 *   tsx scripts/openapi.ts types   regenerate the web app's API types from it
 *   tsx scripts/openapi.ts check   fail when the committed types differ from the routes
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiDocument, apiTypes } from './openapi-document.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TYPES_FILE = path.join(ROOT, 'web/src/api/schema.gen.ts');

async function lint(): Promise<number> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'library-one-openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(await apiDocument(), null, 2));
  const redocly = path.join(ROOT, 'node_modules/.bin/redocly');
  const result = spawnSync(
    redocly,
    ['lint', '--config', path.join(ROOT, 'redocly.yaml'), '--max-problems', '200', file],
    { stdio: 'inherit' },
  );
  return result.status ?? 1;
}

async function check(): Promise<number> {
  const expected = await apiTypes(await apiDocument());
  const committed = readFileSync(TYPES_FILE, 'utf8');
  if (committed === expected) {
    console.log(`${path.relative(ROOT, TYPES_FILE)} matches the routes`);
    return 0;
  }
  console.error(
    `${path.relative(ROOT, TYPES_FILE)} does not match the routes' OpenAPI document: ` +
      'run `npm run openapi:types` and commit the result.',
  );
  return 1;
}

async function types(): Promise<number> {
  writeFileSync(TYPES_FILE, await apiTypes(await apiDocument()));
  console.log(`wrote ${path.relative(ROOT, TYPES_FILE)}`);
  return 0;
}

const commands: Record<string, () => Promise<number>> = { lint, check, types };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: tsx scripts/openapi.ts lint|types|check');
  process.exit(2);
}
process.exit(await command());
