import { createTransport } from 'nodemailer';
import type { NoticeChannel, NoticeKind } from '../../platform/db/schema.js';
import type { Logger } from '../../platform/logger.js';

/** An e-mail as the worker hands it to the mail channel. */
export interface EmailMessage {
  noticeId: number;
  kind: NoticeKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  language: 'ko' | 'en';
  /** The Date header: when the worker sends it (the service's clock). */
  date: Date;
}

/** An SMS or a KakaoTalk 알림톡, behind one provider. */
export interface PhoneMessage {
  noticeId: number;
  kind: NoticeKind;
  channel: Exclude<NoticeChannel, 'email'>;
  to: string;
  text: string;
  language: 'ko' | 'en';
}

export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

export interface PhoneProvider {
  send(message: PhoneMessage): Promise<void>;
}

/** A failure a person can read in the log, with a short code stored on the notice. */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * The Message-ID of a notice's e-mail: the same for every attempt, so that a second copy sent
 * after a crash between sending and marking is recognisably the same message (docs/decisions.md).
 */
export function noticeMessageId(noticeId: number, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'library-one.invalid';
  return `<notice-${noticeId}@${domain}>`;
}

/** SMTP through nodemailer: a plain-text and an HTML part, UTF-8, the subject encoded (RFC 2047). */
export function smtpSender(options: {
  url: string;
  from: string;
  timeoutMs?: number;
}): EmailSender {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = createTransport(
    {
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    },
    { from: options.from },
  );
  return {
    async send(message) {
      try {
        await transport.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: noticeMessageId(message.noticeId, options.from),
          date: message.date,
          headers: { 'Content-Language': message.language, 'X-Library-One-Notice': message.kind },
          textEncoding: 'base64',
        });
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transport.close(),
  };
}

function smtpFailure(error: unknown): DeliveryError {
  const e = error as { responseCode?: number; code?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    return new DeliveryError(
      `smtp_${e.responseCode}`,
      `the mail server refused: ${e.responseCode}`,
    );
  }
  return new DeliveryError(
    (e.code ?? 'smtp_error').toLowerCase(),
    `the mail server could not be reached (${e.code ?? 'error'})`,
  );
}

/**
 * Development: logs that a notice would go out — its id, kind and channel, never the address, the
 * phone number, the name or the text.
 */
export function logEmailSender(logger: Logger): EmailSender {
  return {
    async send(message) {
      logger.info(
        { notice: message.noticeId, kind: message.kind, channel: 'email' },
        'notice sent (log)',
      );
    },
    close() {},
  };
}

export function logPhoneProvider(logger: Logger): PhoneProvider {
  return {
    async send(message) {
      logger.info(
        { notice: message.noticeId, kind: message.kind, channel: message.channel },
        'notice sent (log)',
      );
    },
  };
}

/**
 * An SMS/KakaoTalk gateway over HTTP (docs/architecture.md "Notices"): one POST of JSON per
 * message, `Authorization: Bearer <token>` when a token is set, and `Idempotency-Key` with the
 * notice id; any 2xx means accepted.
 */
export function httpPhoneProvider(options: {
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
}): PhoneProvider {
  return {
    async send(message) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `notice-${message.noticeId}`,
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({
            id: `notice-${message.noticeId}`,
            channel: message.channel,
            template: message.kind,
            language: message.language,
            to: message.to,
            text: message.text,
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch {
        throw new DeliveryError('gateway_unreachable', 'the message gateway could not be reached');
      }
      await response.body?.cancel();
      if (!response.ok) {
        throw new DeliveryError(
          `gateway_${response.status}`,
          `the message gateway refused: ${response.status}`,
        );
      }
    },
  };
}
