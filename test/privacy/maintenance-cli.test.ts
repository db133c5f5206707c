import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runToExit } from '../support/process.js';

describe('library-one maintenance (embedded DATA_DIR)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'library-one-maintenance-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs every retention job once, migrating a fresh database first, and says what it did', async () => {
    const dataDir = path.join(dir, 'data');
    const { code, output } = await runToExit(['maintenance', '--batch', '50'], {
      DATA_DIR: dataDir,
    });
    expect(output).toContain('idempotency-keys: 0 done');
    for (const job of ['sessions', 'history-off-loans', 'unverified-pre-registrations']) {
      expect(output).toContain(`${job}: 0 done`);
    }
    expect(output).toContain('lapsed-consent: 0 done');
    expect(code).toBe(0);
  }, 180_000);
});
