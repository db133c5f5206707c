import type { Metrics } from '../metrics.js';
import type { App } from './server.js';

/** The refusal code of an answer, noted by sendProblem for the metrics. */
export const answeredProblem = new WeakMap<object, string>();

const CIRCULATION: Record<string, string> = {
  'POST /api/v1/checkouts': 'checkout',
  'POST /api/v1/returns': 'return',
  'POST /api/v1/renewals': 'renewal',
  'POST /api/v1/me/loans/:loanId/renewal': 'renewal',
};

/** Counts every answer by its route template (never the raw URL: card numbers stay out). */
export function recordHttpMetrics(app: App, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    const action = CIRCULATION[`${request.method} ${route}`];
    if (!action) return;
    const actor = request.actor;
    const library = actor && actor.kind !== 'member' ? String(actor.libraryId) : 'online';
    const channel =
      actor?.kind === 'terminal' ? 'machine' : actor?.kind === 'staff' ? 'desk' : 'online';
    const outcome = reply.statusCode < 400 ? 'ok' : (answeredProblem.get(request) ?? 'error');
    metrics.circulation.inc({ action, outcome, library, channel });
  });
}
