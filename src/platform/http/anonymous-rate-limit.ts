import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';

/**
 * A rate limit for callers who are not signed in, counted in this process's memory: a public
 * read (the catalogue search) writes nothing, not even a counter, so it may run on a read replica
 * (the sign-in limits count in the database instead). Each process counts on its own, so N
 * processes let N × `max` through per window. Windows run on the injected clock. A refusal says
 * when to come back (`Retry-After`, the seconds left in the caller's window), as the sign-in limits
 * and the overload answers do.
 */
export function anonymousRateLimit(clock: Clock, options: { max: number; windowMs: number }) {
  const windows = new Map<string, { count: number; end: number }>();
  return async function limitAnonymous(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    if (request.actor) return;
    const now = clock.now().getTime();
    if (windows.size >= 10_000) {
      for (const [address, window] of windows) if (window.end <= now) windows.delete(address);
    }
    let window = windows.get(request.ip);
    if (!window || window.end <= now) {
      window = { count: 0, end: now + options.windowMs };
      windows.set(request.ip, window);
    }
    window.count += 1;
    if (window.count > options.max) {
      reply.header('retry-after', String(Math.max(1, Math.ceil((window.end - now) / 1000))));
      throw new AppError('RATE_LIMITED');
    }
  };
}
