import type { AppContext } from '../../app-context.js';
import type { NoticeConfig } from '../../platform/config.js';
import {
  type EmailSender,
  httpPhoneProvider,
  logEmailSender,
  logPhoneProvider,
  smtpSender,
} from './channels.js';
import { createNoticeWorker, runNoticeWorker } from './worker.js';

/** Delivery every 5 seconds; the date-driven notices looked for every 10 minutes. */
const DELIVER_EVERY_MS = 5_000;
const SCHEDULE_EVERY_MS = 10 * 60_000;

/**
 * The service's notice worker from its configuration: SMTP when SMTP_URL is set (else e-mails are
 * only logged, as in the demo), the phone gateway or the log. Returns how to stop it.
 */
export function startNotices(context: AppContext, config: NoticeConfig): () => Promise<void> {
  if (!config.worker) return async () => {};
  const email: EmailSender = config.smtpUrl
    ? smtpSender({ url: config.smtpUrl, from: config.from })
    : logEmailSender(context.logger);
  const phone =
    config.phoneProvider.kind === 'http'
      ? httpPhoneProvider(config.phoneProvider)
      : logPhoneProvider(context.logger);
  const worker = createNoticeWorker(context, { email, phone, maxAttempts: config.maxAttempts });
  const stop = runNoticeWorker(context, worker, {
    deliverEveryMs: DELIVER_EVERY_MS,
    scheduleEveryMs: SCHEDULE_EVERY_MS,
  });
  return async () => {
    await stop();
    email.close();
  };
}
