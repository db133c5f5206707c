import type { Socket } from 'node:net';
import type { AppContext } from '../../app-context.js';
import { signInTerminal } from '../../modules/terminals/index.js';
import { isDatabaseUnavailable } from '../../platform/db/errors.js';
import type { Language, ProblemCode } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { type DecodeResult, decode, encode } from '../codec.js';
import { formatSipDateTime } from '../fields.js';
import { createFrameReader } from '../framing.js';
import type { MessageOf, Sip2Message } from '../messages.js';
import { reasonText, say } from '../screen.js';
import { holdTitle } from './holds.js';
import { checkinItem, checkoutItem, itemInformation, renewAll, renewItem } from './loans.js';
import {
  blockPatron,
  endPatronSession,
  patronEnable,
  patronInformation,
  patronStatus,
} from './patron.js';
import { PatronSession } from './patron-session.js';
import { echoOf, negativeAnswer } from './refusals.js';
import {
  type AcsRequest,
  type AcsTerminal,
  countCirculation,
  sipLanguage,
  terminalLibrary,
} from './session.js';
import { acsStatus, databaseAnswers } from './status.js';

/** Requests handed to the use cases at once; more pipelined lines wait, the socket paused. */
const MAX_QUEUED_LINES = 16;
/** Unreadable lines in a row (each answered with 96) before the connection is closed. */
const MAX_UNUSABLE_LINES = 5;
/** Answers the terminal does not read pile up in memory; past this the connection is closed. */
const MAX_UNREAD_ANSWER_BYTES = 1_048_576;
/** How long a connection closed after its last answer may take to read it. */
const LINGER_MS = 2_000;
/** Wrong logins on one connection before it is closed (the source address is throttled after five). */
const MAX_FAILED_LOGINS = 3;

/** The refusal code of a login refused for this reason, as the operator's metrics count it. */
const LOGIN_REFUSAL: Record<'refused' | 'throttled' | 'address', ProblemCode> = {
  refused: 'INVALID_CREDENTIALS',
  throttled: 'RATE_LIMITED',
  address: 'ADDRESS_NOT_ALLOWED',
};

/** Answer with error detection (and this sequence number) when the request carried it. */
interface Trailer {
  errorDetection: boolean;
  sequence: number;
}

const TRAILER_AT_END = /AZ[0-9A-Fa-f]{4}[\r\n]*$/;

function trailerOf(decoded: DecodeResult, bytes: Uint8Array): Trailer {
  const errorDetection = decoded.ok
    ? decoded.errorDetection
    : TRAILER_AT_END.test(Buffer.from(bytes.subarray(-12)).toString('latin1'));
  return { errorDetection, sequence: decoded.sequence ?? 0 };
}

function commandOf(message: Sip2Message): string {
  return message.code === 'unsupported' ? message.commandIdentifier : message.code;
}

/** Whether any field of a decoded message holds a NUL character. */
function holdsNul(message: Sip2Message): boolean {
  const stack: unknown[] = [message];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (next !== null && typeof next === 'object') {
      stack.push(...Object.values(next));
    }
  }
  return false;
}

/** Only a name and an error code reach the log: messages may quote card numbers or PINs. */
function errorSummary(error: unknown): { name: string; code?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, ...(typeof code === 'string' ? { code } : {}) };
}

export interface ConnectionOptions {
  id: number;
  idleTimeoutMs: number;
  logger: Logger;
}

/**
 * One self-check machine's TCP connection: frames lines, answers them one at a time in order,
 * and is the only place that knows the terminal it is logged in as. Every failure ends as an
 * answer or as this connection closing — never as an exception leaving it.
 */
export class Sip2Connection {
  readonly #socket: Socket;
  readonly #context: AppContext;
  readonly #id: number;
  readonly #log: Logger;
  readonly #frames = createFrameReader();
  #terminal: AcsTerminal | null = null;
  readonly #patron = new PatronSession();
  #lastAnswer: Uint8Array | null = null;
  #queue: Promise<void> = Promise.resolve();
  #pending: Uint8Array[] = [];
  #queued = 0;
  #unusable = 0;
  #failedLogins = 0;
  #requests = 0;
  #closeAfterAnswer = false;
  #closed = false;

  constructor(socket: Socket, context: AppContext, options: ConnectionOptions) {
    this.#socket = socket;
    this.#context = context;
    this.#id = options.id;
    this.#log = options.logger;
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('timeout', () => void this.close('idle'));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.#log.debug({ connection: this.#id, code: error.code }, 'sip2 socket error'),
    );
    socket.on('close', () => {
      this.#closed = true;
    });
  }

  /**
   * Ends the connection; resolves once the request being handled (if any) is done. `afterAnswer`
   * lets the last answer reach the terminal first (end, then destroy if it lingers).
   */
  /** Shutdown: nothing more is read; what was asked gets its answer, then the line closes. */
  async drain(): Promise<void> {
    this.#socket.pause();
    await this.#queue;
    await this.close('server closing', true);
  }

  close(why: string, afterAnswer = false): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#log.debug({ connection: this.#id, why }, 'sip2 connection closed');
      if (afterAnswer) {
        this.#socket.end();
        setTimeout(() => this.#socket.destroy(), LINGER_MS).unref();
      } else {
        this.#socket.destroy();
      }
    }
    return this.#queue;
  }

  get #language(): Language {
    return this.#terminal?.language ?? 'ko';
  }

  #receive(chunk: Uint8Array): void {
    for (const frame of this.#frames.push(chunk)) {
      if (!frame.ok) {
        void this.close('line too long');
        return;
      }
      this.#pending.push(frame.bytes);
    }
    this.#pump();
  }

  /**
   * Pipelined requests are answered in order: at most MAX_QUEUED_LINES wait for the database, the
   * rest of what one read brought stays here while the socket is paused (memory bounded by one read).
   */
  #pump(): void {
    while (this.#pending.length > 0 && this.#queued < MAX_QUEUED_LINES && !this.#closed) {
      this.#enqueue(this.#pending.shift()!);
    }
    if (this.#closed) return;
    if (this.#pending.length > 0) this.#socket.pause();
    else this.#socket.resume();
  }

  #enqueue(line: Uint8Array): void {
    if (this.#closed) return;
    this.#queued++;
    this.#queue = this.#queue
      .then(() => this.#handle(line))
      .catch((error: unknown) => {
        this.#log.error({ connection: this.#id, err: errorSummary(error) }, 'sip2 line failed');
        void this.close('unexpected error');
      })
      .finally(() => {
        this.#queued--;
        this.#pump();
      });
  }

  async #handle(line: Uint8Array): Promise<void> {
    if (this.#closed) return;
    this.#requests++;
    const decoded = decode(line, { encoding: this.#terminal?.encoding ?? 'utf-8' });
    const trailer = trailerOf(decoded, line);
    if (!decoded.ok) {
      this.#undecodable(decoded, trailer);
      return;
    }
    const { message } = decoded;
    if (holdsNul(message)) {
      // PostgreSQL refuses NUL in text: bad input, refused as HTTP refuses it.
      const screen = reasonText({ code: 'VALIDATION_FAILED' }, this.#language);
      const answer = this.#negative(message, this.#context.clock.now(), screen);
      if (answer) this.#reply(answer, trailer, message);
      else this.#askAgain(trailer);
      return;
    }
    if (message.code === '97') {
      this.#resendLast(trailer);
      return;
    }
    const started = performance.now();
    let answer: Sip2Message | null;
    try {
      answer = await this.#dispatch(message);
    } catch (error) {
      answer = this.#failed(error, message);
    }
    const command = commandOf(message);
    this.#context.metrics.sip2Messages.inc({ command });
    this.#log.debug(
      { connection: this.#id, command, ms: Math.round(performance.now() - started) },
      'sip2 request',
    );
    if (answer === null) {
      this.#askAgain(trailer);
      return;
    }
    this.#unusable = 0;
    this.#reply(answer, trailer, message);
  }

  async #dispatch(message: Sip2Message): Promise<Sip2Message | null> {
    const now = this.#context.clock.now();
    if (message.code === '93') return this.#login(message, now);
    if (message.code === '99') {
      const online = await databaseAnswers(this.#context.db);
      return acsStatus(this.#terminal, formatSipDateTime(now), online);
    }
    const terminal = this.#terminal;
    if (!terminal) {
      const screen = `${reasonText({ code: 'UNAUTHENTICATED' }, 'ko')} ${say('loginRequired', 'ko')}`;
      return this.#negative(message, now, screen);
    }
    // Another card ends the machine's patron session; so does 35 (after its answer).
    const card = (message as { patronIdentifier?: unknown }).patronIdentifier;
    if (typeof card === 'string' && card !== '') this.#patron.seen(card);
    const acs: AcsRequest = { context: this.#context, terminal, now, patron: this.#patron };
    if (message.code === '35') this.#patron.end();
    const answer = await this.#serve(acs, message);
    if (answer) countCirculation(acs, message.code, answer);
    return answer;
  }

  /** The requests of a logged-in terminal, each by the use cases the desk uses. */
  #serve(acs: AcsRequest, message: Sip2Message): Promise<Sip2Message | null> | Sip2Message | null {
    switch (message.code) {
      case '23':
        return patronStatus(acs, message);
      case '63':
        return patronInformation(acs, message);
      case '11':
        return checkoutItem(acs, message);
      case '09':
        return checkinItem(acs, message);
      case '17':
        return itemInformation(acs, message);
      case '15':
        return holdTitle(acs, message);
      case '29':
        return renewItem(acs, message);
      case '65':
        return renewAll(acs, message);
      case '01':
        return blockPatron(acs, message);
      case '25':
        return patronEnable(acs, message);
      case '35':
        return endPatronSession(acs, message);
      case 'unsupported': {
        const screen = say('notSupported', acs.terminal.language, {
          command: message.commandIdentifier,
        });
        return this.#negative(message, acs.now, screen);
      }
      default:
        return null; // a response (94, 98, 24 …) or 96 sent to us: ask for a request
    }
  }

  async #login(request: MessageOf<'93'>, now: Date): Promise<MessageOf<'94'>> {
    this.#patron.end();
    const signIn = await signInTerminal(
      this.#context.db,
      {
        username: request.loginUserId,
        password: request.loginPassword,
        source: this.#socket.remoteAddress ?? 'unknown',
      },
      now,
    );
    if (!signIn.ok) {
      // The same answer whatever the reason (CN and CP are not echoed): nothing is learnt from it.
      this.#terminal = null;
      this.#failedLogins++;
      this.#closeAfterAnswer = this.#failedLogins >= MAX_FAILED_LOGINS;
      const code = LOGIN_REFUSAL[signIn.why];
      const library = signIn.libraryId === undefined ? 'unknown' : String(signIn.libraryId);
      this.#context.metrics.sip2Refusals.inc({ command: '93', code, library });
      // Never the password; the user name only as the terminal it names, if any.
      this.#log.info(
        {
          connection: this.#id,
          why: signIn.why,
          code,
          source: this.#socket.remoteAddress,
          ...(signIn.terminalId === undefined ? {} : { terminalId: signIn.terminalId }),
        },
        'sip2 login refused',
      );
      return { code: '94', ok: false };
    }
    const signedIn = signIn.terminal;
    const library = await terminalLibrary(this.#context, signedIn.actor.libraryId);
    this.#terminal = { ...signedIn, library };
    this.#failedLogins = 0;
    this.#log.info(
      { connection: this.#id, terminalId: signedIn.actor.terminalId, libraryId: library.id },
      'sip2 terminal logged in',
    );
    return { code: '94', ok: true };
  }

  #negative(message: Sip2Message, now: Date, screenMessage: string): Sip2Message | null {
    return this.#negativeFor(commandOf(message), now, screenMessage, echoOf(message));
  }

  #negativeFor(
    command: string,
    now: Date,
    screenMessage: string,
    echo: ReturnType<typeof echoOf> = {},
  ): Sip2Message | null {
    const base = {
      transactionDate: formatSipDateTime(now),
      institutionId: this.#terminal?.library.code ?? '',
      language: sipLanguage(this.#language),
      screenMessage,
    };
    return negativeAnswer(command, base, echo) ?? null;
  }

  /** An unexpected error: logged without personal data, answered negatively, never thrown on. */
  #failed(error: unknown, message: Sip2Message): Sip2Message | null {
    const requestId = `sip2-${this.#id}-${this.#requests}`;
    const command = commandOf(message);
    if (isDatabaseUnavailable(error)) {
      // Off-line: a plain refusal (the 98 of the next status probe says on-line N), no request id.
      this.#log.warn(
        { connection: this.#id, command, code: errorSummary(error).code },
        'sip2 off-line',
      );
      const screen = reasonText({ code: 'SERVICE_UNAVAILABLE' }, this.#language);
      return this.#negative(message, this.#context.clock.now(), screen);
    }
    this.#log.error(
      { connection: this.#id, requestId, command, err: errorSummary(error) },
      'sip2 request failed',
    );
    const screen = reasonText({ code: 'INTERNAL_ERROR', params: { requestId } }, this.#language);
    const answer = this.#negative(message, this.#context.clock.now(), screen);
    if (answer === null) this.#closeAfterAnswer = true;
    return answer;
  }

  /** A bad checksum is asked for again (96); a request cut short gets its negative answer. */
  #undecodable(decoded: Extract<DecodeResult, { ok: false }>, trailer: Trailer): void {
    const command = decoded.commandIdentifier;
    if (decoded.error === 'malformed' && command !== undefined) {
      const screen = say('malformed', this.#language, { command });
      const answer = this.#negativeFor(command, this.#context.clock.now(), screen);
      if (answer) {
        this.#unusable = 0;
        this.#reply(answer, trailer, null);
        return;
      }
    }
    this.#askAgain(trailer);
  }

  #askAgain(trailer: Trailer): void {
    this.#unusable++;
    this.#reply({ code: '96' }, trailer, null);
    if (this.#unusable >= MAX_UNUSABLE_LINES) void this.close('too many unreadable lines', true);
  }

  /** 97: the last answer again, byte for byte (96 when nothing was answered yet). */
  #resendLast(trailer: Trailer): void {
    if (this.#lastAnswer === null) this.#askAgain(trailer);
    else this.#write(this.#lastAnswer);
  }

  #reply(answer: Sip2Message, trailer: Trailer, request: Sip2Message | null): void {
    const options = { ...trailer, encoding: this.#terminal?.encoding ?? 'utf-8' };
    let bytes: Uint8Array;
    try {
      bytes = encode(answer, options);
    } catch (error) {
      const fallback = request ? this.#failed(error, request) : null;
      if (fallback === null) {
        void this.close('answer could not be encoded');
        return;
      }
      bytes = encode(fallback, options);
    }
    this.#lastAnswer = bytes;
    this.#write(bytes);
    if (this.#closeAfterAnswer) void this.close('refused', true);
  }

  #write(bytes: Uint8Array): void {
    if (this.#closed || this.#socket.destroyed) return;
    if (this.#socket.writableLength > MAX_UNREAD_ANSWER_BYTES) {
      void this.close('answers not read');
      return;
    }
    this.#socket.write(bytes);
  }
}
