import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openService, type Service } from '../../src/app.js';
import { DEMO_TERMINAL_PASSWORD, terminalUsername } from '../../src/modules/terminals/terminals.js';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { Sip2Client, Sip2ConnectionClosedError } from '../../src/sip2/client.js';
import { testDatabaseKind, testDatabaseUrl } from '../support/database.js';
import { GN, RawConnection } from './support.js';

/**
 * SIP2 over TLS (issue 13, point 6): the service started from its configuration with
 * SIP2_TLS_CERT and SIP2_TLS_KEY (a self-signed certificate made here) listens with TLS only.
 */
describe(`SIP2 over TLS (${testDatabaseKind})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'library-one-tls-'));
  const clock = new ManualClock('2026-12-01T10:00:00+09:00');
  let service: Service;
  let sip2Port: number;
  let cert: string;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
        { name: 'extKeyUsage', serverAuth: true },
      ],
    });
    cert = pems.cert;
    writeFileSync(path.join(dir, 'sip2.crt'), pems.cert);
    writeFileSync(path.join(dir, 'sip2.key'), pems.private, { mode: 0o600 });
    let databaseUrl = '';
    if (testDatabaseUrl) {
      const name = `lo_tls_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
      const admin = new pg.Client({ connectionString: testDatabaseUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(testDatabaseUrl);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      dropDatabase = async () => {
        const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      };
    }
    const config = loadConfig({
      PORT: '0',
      SIP2_PORT: '0',
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: databaseUrl,
      SIP2_TLS_CERT: path.join(dir, 'sip2.crt'),
      SIP2_TLS_KEY: path.join(dir, 'sip2.key'),
    });
    service = await openService({
      config,
      clock,
      logger: createLogger('silent'),
      demo: true,
    });
    ({ sip2Port } = await service.listen());
  });
  afterAll(async () => {
    await service?.close();
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs a terminal in and answers a patron status over TLS', async () => {
    const client = await Sip2Client.connect('127.0.0.1', sip2Port, {
      timeoutMs: 15_000,
      now: () => clock.now(),
      institutionId: GN,
      tls: { ca: cert },
    });
    try {
      const login = await client.login({
        loginUserId: terminalUsername(GN),
        loginPassword: DEMO_TERMINAL_PASSWORD,
      });
      expect(login).toEqual({ code: '94', ok: true });
      const status = await client.patronStatus({
        patronIdentifier: demoCardNumber(1),
        patronPassword: DEMO_MEMBER_PIN,
      });
      expect(status).toMatchObject({ code: '24', validPatron: true, validPatronPassword: true });
    } finally {
      await client.close();
    }
  });

  it('answers nothing in plain text on the TLS port', async () => {
    const raw = await RawConnection.open(sip2Port);
    raw.write(`9300CN${terminalUsername(GN)}|CO${DEMO_TERMINAL_PASSWORD}|CPx|AY1AZF000\r`);
    expect(await raw.line()).toBeNull();
    raw.close();
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(
      Sip2Client.connect('127.0.0.1', sip2Port, { timeoutMs: 15_000, tls: {} }),
    ).rejects.toBeInstanceOf(Sip2ConnectionClosedError);
  });

  it('the command-line client speaks TLS with --ca', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/sip2.ts',
        '--port',
        String(sip2Port),
        '--ca',
        path.join(dir, 'sip2.crt'),
        '--user',
        terminalUsername(GN),
        '--password',
        DEMO_TERMINAL_PASSWORD,
        '--raw',
        'status',
      ],
      { cwd: path.resolve(import.meta.dirname, '../..'), timeout: 60_000 },
    );
    expect(stdout).toMatch(/^← 941/m);
    expect(stdout).toMatch(/^← 98Y/m);
  });
});
