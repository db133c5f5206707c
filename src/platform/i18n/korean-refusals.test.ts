import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type ProblemCode, problemMessage } from '../errors.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every refusal the sources make with a reason of their own: its code, reason and where. */
function refusalsInSources() {
  const patterns = [
    // new AppError('CONFLICT', { reason: 'the hold has ended' })
    /new AppError\(\s*'(?<code>[A-Z_]+)',\s*\{[^}]*?reason:\s*(?<q>['`])(?<reason>(?:(?!\k<q>).)*)\k<q>/gs,
    // validationFailed('body.phone', 'is not a Korean phone number')
    /validationFailed\(\s*[^,()]+,\s*(?<q>['`])(?<reason>(?:(?!\k<q>).)*)\k<q>/gs,
    // { code: 'VALIDATION_FAILED', params: { field, reason: 'is required' } }
    /code: '(?<code>[A-Z_]+)',\s*params:\s*\{[^}]*?reason:\s*(?<q>['`])(?<reason>(?:(?!\k<q>).)*)\k<q>/gs,
  ];
  const found: { code: ProblemCode; reason: string; file: string }[] = [];
  for (const file of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const text = readFileSync(path.join(SRC, file), 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const code = (match.groups!.code ?? 'VALIDATION_FAILED') as ProblemCode;
        // A template's values as a number would fill them (`at most ${MAX} entries`).
        const reason = match.groups!.reason!.replace(/\$\{[^}]+\}/g, '7');
        found.push({ code, reason, file });
      }
    }
  }
  return found;
}

/** Latin words a Korean sentence may carry: the names of standards, as a librarian meets them. */
const KEPT_IN_LATIN = /\b(ISBN|PIN|CSV|MARC|URL|YYYY-MM-DD|SIP2|KDC|CIDR|ASCII|NUL)\b/g;

describe('refusals in Korean', () => {
  it('say every reason the sources give in Korean, not in English inside a Korean sentence', () => {
    const refusals = refusalsInSources();
    expect(refusals.length).toBeGreaterThan(40);
    const english = refusals
      .filter(({ code }) => PROBLEM_CODES.includes(code))
      .map((refusal) => ({
        ...refusal,
        // A field the i18n file does not name is shown as its path (a developer's request).
        sentence: problemMessage(refusal.code, 'ko', {
          field: 'body.unnamedField',
          reason: refusal.reason,
        }).replace('body.unnamedField', ''),
      }))
      .filter(({ sentence }) => /[A-Za-z]{3,}/.test(sentence.replace(KEPT_IN_LATIN, '')))
      .map(({ file, reason, sentence }) => `${file}: "${reason}" → ${sentence}`);
    expect(english).toEqual([]);
  });
});
