import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError } from '../config.js';
import { AppError } from '../errors.js';
import { sendProblem } from './problem.js';
import type { App } from './server.js';

/**
 * Admission control: at most `maxConcurrent` requests are served at once; the next `maxQueued`
 * wait in line (first come, first served) for at most `maxWaitMs`, and everything beyond is
 * answered at once with 503 SERVICE_UNAVAILABLE and `Retry-After`. Waiting requests hold no body
 * (it is read only once admitted), so memory stays bounded however many clients push.
 */
export interface OverloadSettings {
  maxConcurrent: number;
  maxQueued: number;
  maxWaitMs: number;
}

export const DEFAULT_OVERLOAD: OverloadSettings = {
  maxConcurrent: 64,
  maxQueued: 512,
  maxWaitMs: 5_000,
};

/** Seconds a refused client is told to wait. */
const RETRY_AFTER_SECONDS = '2';

/** Never queued: a liveness probe must answer even when the service is saturated. */
const EXEMPT = new Set(['/health']);

type Env = Record<string, string | undefined>;

/** HTTP_MAX_CONCURRENT, HTTP_MAX_QUEUE, HTTP_QUEUE_TIMEOUT_MS; every bad value is reported. */
export function readOverloadSettings(env: Env = process.env): OverloadSettings {
  const problems: string[] = [];
  const read = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const settings = {
    maxConcurrent: read('HTTP_MAX_CONCURRENT', DEFAULT_OVERLOAD.maxConcurrent, 1, 100_000),
    maxQueued: read('HTTP_MAX_QUEUE', DEFAULT_OVERLOAD.maxQueued, 0, 1_000_000),
    maxWaitMs: read('HTTP_QUEUE_TIMEOUT_MS', DEFAULT_OVERLOAD.maxWaitMs, 0, 600_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

export interface AdmissionStats {
  active: number;
  queued: number;
  refused: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    admission: AdmissionStats;
  }
}

export function registerAdmissionControl(app: App, settings: OverloadSettings): void {
  const stats: AdmissionStats = { active: 0, queued: 0, refused: 0 };
  const line: { admit: () => void }[] = [];
  app.decorate('admission', stats);

  const release = () => {
    const next = line.shift();
    if (next) next.admit();
    else stats.active--;
  };

  /** Holds a slot until the answer is out or the client is gone, whichever comes first. */
  const hold = (reply: FastifyReply) => {
    let held = true;
    reply.raw.once('close', () => {
      if (!held) return;
      held = false;
      release();
    });
  };

  const refuse = (reply: FastifyReply, why: string) => {
    stats.refused++;
    reply.log.warn(
      { why, active: stats.active, queued: stats.queued },
      'request refused: overload',
    );
    void sendProblem(reply, new AppError('SERVICE_UNAVAILABLE'), {
      'retry-after': RETRY_AFTER_SECONDS,
    });
  };

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (EXEMPT.has(request.url)) return done();
    if (stats.active < settings.maxConcurrent) {
      stats.active++;
      hold(reply);
      return done();
    }
    if (line.length >= settings.maxQueued || settings.maxWaitMs === 0) {
      refuse(reply, 'queue full');
      return;
    }
    stats.queued++;
    let waiting = true;
    const entry = {
      // A slot passes from the request that frees it straight to this one.
      admit: () => {
        waiting = false;
        stats.queued--;
        clearTimeout(timer);
        if (reply.raw.destroyed) {
          release();
          return;
        }
        hold(reply);
        done();
      },
    };
    const leave = () => {
      if (!waiting) return;
      waiting = false;
      stats.queued--;
      const index = line.indexOf(entry);
      if (index >= 0) line.splice(index, 1);
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      if (!waiting) return;
      leave();
      refuse(reply, 'waited too long');
    }, settings.maxWaitMs);
    // The client gave up while waiting (an admitted request's close is handled by `hold`).
    reply.raw.once('close', leave);
    line.push(entry);
  });
}
