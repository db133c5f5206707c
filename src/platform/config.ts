import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_IDLE_MINUTES, type SessionRole } from './auth/sessions.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** When set, the service uses this PostgreSQL server instead of the embedded database. */
  databaseUrl: string | undefined;
  /**
   * READ_DATABASE_URL: a streaming replica of DATABASE_URL for the public reads (catalogue,
   * directory); unset, they go to the primary. READ_MAX_LAG_SECONDS: beyond this replay lag the
   * reads go back to the primary until it catches up.
   */
  readReplica?: { url: string; maxLagSeconds: number } | undefined;
  sip2Port: number;
  /**
   * SIP2_HOST: the address the SIP2 listener binds (HOST unless set), so self-check machines on
   * the library network reach it while HTTP stays behind the proxy on 127.0.0.1.
   */
  sip2Host?: string | undefined;
  /**
   * WORKERS: service processes sharing the HTTP and SIP2 ports (node:cluster), one per core;
   * above 1 only on a PostgreSQL server (the embedded database lives in one process).
   */
  workers: number;
  logLevel: LogLevel;
  /** `SESSION_IDLE_MINUTES`, e.g. `member=30,desk=240`: roles not named keep their default. */
  sessionIdleMinutes?: Readonly<Record<SessionRole, number>> | undefined;
  /** SIP2_IDLE_SECONDS: a machine's connection silent this long is closed (its 99 keeps it open). */
  sip2IdleTimeoutMs?: number | undefined;
  /** SIP2_TLS_CERT and SIP2_TLS_KEY (PEM file paths): the SIP2 listener speaks TLS only. */
  sip2Tls?: { certFile: string; keyFile: string } | undefined;
  /** TRUST_PROXY: comma-separated proxy addresses or CIDRs whose X-Forwarded-For is believed. */
  trustProxy?: string[] | undefined;
  /** PUBLIC_URL: the address people use; when https, Secure `__Host-` cookies and HSTS. */
  publicUrl?: string | undefined;
  /** GET /metrics on a listener of its own; off unless METRICS_PORT is set. */
  metrics?: { port: number; host: string; token: string | undefined } | undefined;
  /** Notices (README "Notices"): the worker, SMTP and the SMS/KakaoTalk gateway. */
  notices?: NoticeConfig | undefined;
}

export interface NoticeConfig {
  /** NOTICE_WORKER=off: this process makes and sends no notices (another one does). */
  worker: boolean;
  /** SMTP_URL (smtp:// or smtps://, user and password in it); unset: e-mails are only logged. */
  smtpUrl: string | undefined;
  /** NOTICE_FROM: the From address of the e-mails. */
  from: string;
  /** NOTICE_PHONE_PROVIDER: `log` (development) or `http` (NOTICE_PHONE_URL, NOTICE_PHONE_TOKEN). */
  phoneProvider: { kind: 'log' } | { kind: 'http'; url: string; token: string | undefined };
  /** NOTICE_MAX_ATTEMPTS: failed attempts before a notice is dead-lettered. */
  maxAttempts: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads the configuration from environment variables and reports every bad value at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = readPort(env, 'PORT', 3000, problems);
  const sip2Port = readPort(env, 'SIP2_PORT', 6001, problems);
  const host = readNonEmpty(env, 'HOST', '127.0.0.1', problems);
  const sip2Host = readNonEmpty(env, 'SIP2_HOST', host, problems);
  const dataDir = path.resolve(readNonEmpty(env, 'DATA_DIR', './data', problems));
  const databaseUrl = readDatabaseUrl(env, 'DATABASE_URL', problems);
  const readReplica = readReadReplica(env, databaseUrl, problems);
  const workers = readWorkers(env, databaseUrl, problems);
  const logLevel = readLogLevel(env, problems);
  const sessionIdleMinutes = readIdleMinutes(env, problems);
  const trustProxy = readTrustProxy(env, problems);
  const sip2IdleTimeoutMs = readSip2IdleTimeout(env, problems);
  const sip2Tls = readSip2Tls(env, problems);
  const publicUrl = readPublicUrl(env, problems);
  const metrics =
    env.METRICS_PORT === undefined || env.METRICS_PORT === ''
      ? undefined
      : {
          port: readPort(env, 'METRICS_PORT', 9464, problems),
          host: readNonEmpty(env, 'METRICS_HOST', '127.0.0.1', problems),
          token: env.METRICS_TOKEN || undefined,
        };
  const notices = readNotices(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    notices,
    port,
    host,
    dataDir,
    databaseUrl,
    ...(readReplica ? { readReplica } : {}),
    sip2Port,
    ...(sip2Host === host ? {} : { sip2Host }),
    workers,
    logLevel,
    sessionIdleMinutes,
    sip2IdleTimeoutMs,
    ...(sip2Tls ? { sip2Tls } : {}),
    trustProxy,
    publicUrl,
    metrics,
  };
}

function readPort(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    problems.push(`${name} must be a port number from 0 to 65535, got "${raw}"`);
    return fallback;
  }
  return Number(raw);
}

function readNonEmpty(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') {
    problems.push(`${name} must not be empty`);
    return fallback;
  }
  return raw;
}

function readDatabaseUrl(env: Env, name: string, problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      problems.push(`${name} must start with postgres:// or postgresql://`);
    }
  } catch {
    problems.push(`${name} is not a valid URL (expected postgres://user@host:port/database)`);
  }
  return raw;
}

/** A replica needs a primary server: the embedded database has none, its reads stay on it. */
function readReadReplica(
  env: Env,
  databaseUrl: string | undefined,
  problems: string[],
): Config['readReplica'] {
  const url = readDatabaseUrl(env, 'READ_DATABASE_URL', problems);
  const rawLag = env.READ_MAX_LAG_SECONDS?.trim();
  let maxLagSeconds = 30;
  if (rawLag !== undefined && rawLag !== '') {
    if (!/^\d+$/.test(rawLag) || Number(rawLag) < 1 || Number(rawLag) > 86_400) {
      problems.push(`READ_MAX_LAG_SECONDS must be whole seconds from 1 to 86400, got "${rawLag}"`);
    } else {
      maxLagSeconds = Number(rawLag);
    }
  }
  if (url === undefined) return undefined;
  if (databaseUrl === undefined) {
    problems.push(
      'READ_DATABASE_URL needs DATABASE_URL (a replica of a PostgreSQL server; the embedded database has none)',
    );
    return undefined;
  }
  return { url, maxLagSeconds };
}

const MAX_WORKERS = 64;

function readWorkers(env: Env, databaseUrl: string | undefined, problems: string[]): number {
  const raw = env.WORKERS?.trim();
  if (raw === undefined || raw === '') return 1;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_WORKERS) {
    problems.push(`WORKERS must be a number of processes from 1 to ${MAX_WORKERS}, got "${raw}"`);
    return 1;
  }
  const workers = Number(raw);
  if (workers > 1 && databaseUrl === undefined) {
    problems.push(
      'WORKERS above 1 needs DATABASE_URL (the embedded database lives in one process)',
    );
    return 1;
  }
  return workers;
}

function readLogLevel(env: Env, problems: string[]): LogLevel {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
    return 'info';
  }
  return raw as LogLevel;
}

function readIdleMinutes(env: Env, problems: string[]): Record<SessionRole, number> {
  const minutes = { ...DEFAULT_IDLE_MINUTES };
  const raw = env.SESSION_IDLE_MINUTES;
  if (raw === undefined || raw.trim() === '') return minutes;
  for (const entry of raw.split(',')) {
    const [role, value] = entry.split('=').map((part) => part.trim());
    if (!role || !(role in minutes) || !value || !/^\d+$/.test(value) || Number(value) < 1) {
      problems.push(
        `SESSION_IDLE_MINUTES must be role=minutes pairs (roles: ${Object.keys(minutes).join(', ')}), got "${entry}"`,
      );
      continue;
    }
    minutes[role as SessionRole] = Number(value);
  }
  return minutes;
}

/** `10.0.0.5, 10.1.0.0/16, ::1` → each an address or a CIDR Node can match. */
function readTrustProxy(env: Env, problems: string[]): string[] {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw.trim() === '') return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefix = Number(bits);
    const validPrefix =
      bits === undefined ||
      (/^\d+$/.test(bits) && prefix <= (family === 6 ? 128 : 32) && rest.length === 0);
    if (family === 0 || !validPrefix) {
      problems.push(`TRUST_PROXY must list IP addresses or CIDRs (10.0.0.0/8), got "${entry}"`);
    }
  }
  return entries;
}

function readPublicUrl(env: Env, problems: string[]): string | undefined {
  const raw = env.PUBLIC_URL;
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // reported below
  }
  problems.push(`PUBLIC_URL must be an http:// or https:// address, got "${raw}"`);
  return undefined;
}

function readSip2IdleTimeout(env: Env, problems: string[]): number | undefined {
  const raw = env.SIP2_IDLE_SECONDS;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 10 || Number(raw) > 86_400) {
    problems.push(`SIP2_IDLE_SECONDS must be whole seconds from 10 to 86400, got "${raw}"`);
    return undefined;
  }
  return Number(raw) * 1000;
}

/** Both files or neither; each must exist (it is read when the SIP2 listener starts). */
function readSip2Tls(env: Env, problems: string[]): Config['sip2Tls'] {
  const certFile = env.SIP2_TLS_CERT?.trim() || undefined;
  const keyFile = env.SIP2_TLS_KEY?.trim() || undefined;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    problems.push('SIP2_TLS_CERT and SIP2_TLS_KEY must be set together (PEM file paths)');
    return undefined;
  }
  let ok = true;
  for (const [name, file] of [
    ['SIP2_TLS_CERT', certFile],
    ['SIP2_TLS_KEY', keyFile],
  ] as const) {
    if (!existsSync(file)) {
      problems.push(`${name} names a file that does not exist: "${file}"`);
      ok = false;
    }
  }
  return ok ? { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) } : undefined;
}

function readNotices(env: Env, problems: string[]): NoticeConfig {
  const worker = (env.NOTICE_WORKER ?? 'on').trim().toLowerCase();
  if (!['on', 'off', ''].includes(worker)) {
    problems.push(`NOTICE_WORKER must be on or off, got "${env.NOTICE_WORKER}"`);
  }
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) {
    problems.push('SMTP_URL must be smtp://user:password@host:port or smtps://…');
  }
  const from = env.NOTICE_FROM?.trim() || 'Library One <no-reply@library-one.invalid>';
  if (!/@[^@\s>]+>?$/.test(from)) {
    problems.push(`NOTICE_FROM must be an e-mail address ("Name <address>"), got "${from}"`);
  }
  const rawAttempts = env.NOTICE_MAX_ATTEMPTS?.trim() || '8';
  if (!/^\d+$/.test(rawAttempts) || Number(rawAttempts) < 1 || Number(rawAttempts) > 50) {
    problems.push(`NOTICE_MAX_ATTEMPTS must be a whole number from 1 to 50, got "${rawAttempts}"`);
  }
  const kind = env.NOTICE_PHONE_PROVIDER?.trim() || 'log';
  let phoneProvider: NoticeConfig['phoneProvider'] = { kind: 'log' };
  if (kind === 'http') {
    const url = env.NOTICE_PHONE_URL?.trim();
    if (!url || !/^https?:\/\//.test(url)) {
      problems.push('NOTICE_PHONE_PROVIDER=http needs NOTICE_PHONE_URL (http:// or https://)');
    } else {
      phoneProvider = { kind: 'http', url, token: env.NOTICE_PHONE_TOKEN?.trim() || undefined };
    }
  } else if (kind !== 'log') {
    problems.push(`NOTICE_PHONE_PROVIDER must be log or http, got "${kind}"`);
  }
  return {
    worker: worker !== 'off',
    smtpUrl,
    from,
    phoneProvider,
    maxAttempts: Number(rawAttempts) || 8,
  };
}
