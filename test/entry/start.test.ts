import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runToExit, startService } from '../support/process.js';

/** Whether a TCP connection to the address is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the real entry point on the embedded database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'library-one-entry-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the directory, refuses a second process, stops cleanly and keeps its data', async () => {
    const first = await startService({ DATA_DIR: dataDir });
    try {
      expect(first.output()).toContain('API docs:');
      expect(first.output()).toContain('Demo sign-ins: see "Demo accounts" in README.md');
      const response = await fetch(`${first.httpUrl}/api/v1/libraries`);
      expect(((await response.json()) as { libraries: unknown[] }).libraries).toHaveLength(29);

      const second = await runToExit(['start', '--demo'], { DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.output).toContain('is already using the data directory');
      // The refused process must not have disturbed the running one.
      expect((await fetch(`${first.httpUrl}/ready`)).status).toBe(200);
    } finally {
      expect(await first.stop('SIGINT')).toBe(0);
    }
    expect(first.output()).toContain('closing the database cleanly');

    // SIP2 on an address of its own (the library network), HTTP still on HOST (127.0.0.1).
    const again = await startService({ DATA_DIR: dataDir, SIP2_HOST: '127.0.0.2' });
    try {
      const { libraries } = (await (await fetch(`${again.httpUrl}/api/v1/libraries`)).json()) as {
        libraries: { nameKo: string }[];
      };
      expect(libraries).toHaveLength(29);
      expect(libraries[0]?.nameKo).toBe('경남대표도서관');
      const sip2Port = Number(/Self-check:\s+SIP2 on 127\.0\.0\.2:(\d+)/.exec(again.output())?.[1]);
      expect(await connects('127.0.0.2', sip2Port)).toBe(true);
      expect(await connects('127.0.0.1', sip2Port)).toBe(false);
    } finally {
      expect(await again.stop('SIGTERM')).toBe(0);
    }
  }, 240_000);

  it('refuses a bad configuration with a clear message', async () => {
    const result = await runToExit(['start'], { DATA_DIR: dataDir, PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT must be a port number from 0 to 65535, got "eighty"');
  });

  it('says so when started on a database no one has set up', async () => {
    const empty = await startService({ DATA_DIR: path.join(dataDir, 'never-set-up') }, ['start']);
    try {
      expect(empty.output()).toContain(
        'library-one: this database has no libraries yet: set the network up with `library-one init`',
      );
    } finally {
      expect(await empty.stop('SIGTERM')).toBe(0);
    }
  }, 120_000);

  it('migrates on demand', async () => {
    const result = await runToExit(['migrate'], { DATA_DIR: path.join(dataDir, 'fresh') });
    expect(result.code).toBe(0);
    expect(result.output).toContain('Applied: 0001_directory, 0002_membership, 0003_circulation');
    // A command that fails says which (it said "could not start" for every command).
    const unreachable = await runToExit(['migrate'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/library_one',
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/^library-one: migrate failed: /m);
  }, 120_000);
});
