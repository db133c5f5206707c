import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      sip2Port: 6001,
      workers: 1,
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/x',
      DATABASE_URL: 'postgres://u@db:5432/lib',
      READ_DATABASE_URL: 'postgres://u@replica:5432/lib',
      READ_MAX_LAG_SECONDS: '10',
      SIP2_PORT: '6100',
      SIP2_HOST: '10.20.0.5',
      WORKERS: '4',
      LOG_LEVEL: 'warn',
      SESSION_IDLE_MINUTES: 'member=15, desk=480',
      TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1',
      PUBLIC_URL: 'https://library.example.kr/',
      SIP2_IDLE_SECONDS: '900',
      SMTP_URL: 'smtp://notices:secret@mail.example.kr:587',
      NOTICE_FROM: '경남 도서관 <notices@library.example.kr>',
      NOTICE_PHONE_PROVIDER: 'http',
      NOTICE_PHONE_URL: 'https://sms.example.kr/send',
      NOTICE_PHONE_TOKEN: 't0ken',
      NOTICE_MAX_ATTEMPTS: '5',
      NOTICE_WORKER: 'off',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      databaseUrl: 'postgres://u@db:5432/lib',
      readReplica: { url: 'postgres://u@replica:5432/lib', maxLagSeconds: 10 },
      sip2Port: 6100,
      sip2Host: '10.20.0.5',
      workers: 4,
      logLevel: 'warn',
      sessionIdleMinutes: { member: 15, desk: 480, library_admin: 120, network_admin: 60 },
      trustProxy: ['10.0.0.5', '10.1.0.0/16', '::1'],
      publicUrl: 'https://library.example.kr',
      sip2IdleTimeoutMs: 900_000,
      notices: {
        worker: false,
        smtpUrl: 'smtp://notices:secret@mail.example.kr:587',
        from: '경남 도서관 <notices@library.example.kr>',
        phoneProvider: { kind: 'http', url: 'https://sms.example.kr/send', token: 't0ken' },
        maxAttempts: 5,
      },
    });
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        SIP2_PORT: '70000',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
        SESSION_IDLE_MINUTES: 'member=0,guest=5',
        TRUST_PROXY: '10.0.0.0/33,proxy.local',
        PUBLIC_URL: 'library.example.kr',
        SIP2_IDLE_SECONDS: '5',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT must be a port number');
      expect(message).toContain('SIP2_PORT must be a port number from 0 to 65535, got "70000"');
      expect(message).toContain('LOG_LEVEL must be one of');
      expect(message).toContain('DATABASE_URL must start with postgres://');
      expect(message).toContain('SESSION_IDLE_MINUTES must be role=minutes pairs');
      expect(message).toContain('got "member=0"');
      expect(message).toContain('got "guest=5"');
      expect(message).toContain('TRUST_PROXY must list IP addresses or CIDRs');
      expect(message).toContain('got "10.0.0.0/33"');
      expect(message).toContain('got "proxy.local"');
      expect(message).toContain('PUBLIC_URL must be an http:// or https:// address');
      expect(message).toContain(
        'SIP2_IDLE_SECONDS must be whole seconds from 10 to 86400, got "5"',
      );
    }
  });

  it('reads READ_DATABASE_URL only beside DATABASE_URL, with a replay lag limit of 30 s by default', () => {
    const primary = 'postgres://u@db:5432/lib';
    const replica = 'postgres://u@replica:5432/lib';
    expect(loadConfig({ DATABASE_URL: primary }).readReplica).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: primary, READ_DATABASE_URL: replica }).readReplica).toEqual({
      url: replica,
      maxLagSeconds: 30,
    });
    expect(() => loadConfig({ READ_DATABASE_URL: replica })).toThrow(
      'READ_DATABASE_URL needs DATABASE_URL',
    );
    expect(() =>
      loadConfig({
        DATABASE_URL: primary,
        READ_DATABASE_URL: 'mysql://x',
        READ_MAX_LAG_SECONDS: '0',
      }),
    ).toThrow(
      /READ_DATABASE_URL must start with postgres:\/\/[\s\S]*READ_MAX_LAG_SECONDS must be whole seconds from 1 to 86400, got "0"/,
    );
  });

  it('reads WORKERS as a whole number of processes, above 1 only beside DATABASE_URL', () => {
    const server = 'postgres://u@db:5432/lib';
    expect(loadConfig({ DATABASE_URL: server, WORKERS: ' 2 ' }).workers).toBe(2);
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(
      'WORKERS above 1 needs DATABASE_URL (the embedded database lives in one process)',
    );
    for (const bad of ['0', '1.5', 'two', '65']) {
      expect(() => loadConfig({ DATABASE_URL: server, WORKERS: bad })).toThrow(
        `WORKERS must be a number of processes from 1 to 64, got "${bad}"`,
      );
    }
  });

  it('reads SIP2_TLS_CERT and SIP2_TLS_KEY together, as files that exist', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'library-one-config-'));
    try {
      const certFile = path.join(dir, 'sip2.crt');
      const keyFile = path.join(dir, 'sip2.key');
      writeFileSync(certFile, 'certificate');
      writeFileSync(keyFile, 'key');
      expect(loadConfig({}).sip2Tls).toBeUndefined();
      expect(loadConfig({ SIP2_TLS_CERT: certFile, SIP2_TLS_KEY: keyFile }).sip2Tls).toEqual({
        certFile,
        keyFile,
      });
      expect(() => loadConfig({ SIP2_TLS_CERT: certFile })).toThrow(
        'SIP2_TLS_CERT and SIP2_TLS_KEY must be set together',
      );
      expect(() =>
        loadConfig({ SIP2_TLS_CERT: certFile, SIP2_TLS_KEY: path.join(dir, 'missing.key') }),
      ).toThrow('SIP2_TLS_KEY names a file that does not exist');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
