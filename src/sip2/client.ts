/**
 * A small SIP2 client over TCP, as a self-check terminal would speak it: one request at a time
 * (calls made meanwhile wait their turn), each with a timeout. When the ACS answers 96 (request
 * SC resend) the request is sent once more; when a response has a bad checksum the client asks
 * once for it again (97). A timeout closes the connection: a late answer could not be told apart
 * from the answer to the next request.
 */
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { type ConnectionOptions, connect as connectTls } from 'node:tls';
import {
  type BuildInput,
  build,
  buildRequestAcsResend,
  DEFAULT_TIME_ZONE,
  type DecodeResult,
  decode,
  decodeText,
  encode,
  encodeLine,
  formatSipDateTime,
  type MessageCode,
  type MessageOf,
  type Sip2Encoding,
  type Sip2Message,
} from './codec.js';
import { createFrameReader, DEFAULT_MAX_MESSAGE_BYTES, type FrameReader } from './framing.js';

export interface Sip2ClientOptions {
  /** The terminal's character encoding (default UTF-8). */
  encoding?: Sip2Encoding;
  /** Send `AY<n>AZ<checksum>` with every request (default true). */
  errorDetection?: boolean;
  /** How long to wait for each response (default 10 s). */
  timeoutMs?: number;
  /** AO of every request that has one (default empty). */
  institutionId?: string;
  /** AC of every request that has one, when set. */
  terminalPassword?: string;
  /** Language of requests 23 and 63 (default `000`, unknown). */
  language?: string;
  /** Time zone of transaction dates (default Asia/Seoul). */
  timeZone?: string;
  now?: () => Date;
  maxBytes?: number;
  /** Sees every line sent and received (without its CR), e.g. to print raw traffic. */
  onTrace?: (direction: 'sent' | 'received', line: string) => void;
  /** SIP2 over TLS, with these options (e.g. `ca` for a self-signed server certificate). */
  tls?: ConnectionOptions;
}

export class Sip2ClientError extends Error {
  override name = 'Sip2ClientError';
}

export class Sip2TimeoutError extends Sip2ClientError {
  override name = 'Sip2TimeoutError';
}

export class Sip2ConnectionClosedError extends Sip2ClientError {
  override name = 'Sip2ConnectionClosedError';
}

/** The ACS answered with something that is not the expected response. */
export class Sip2ProtocolError extends Sip2ClientError {
  override name = 'Sip2ProtocolError';
  constructor(
    message: string,
    readonly response?: Sip2Message,
  ) {
    super(message);
  }
}

type Filled = 'institutionId' | 'terminalPassword' | 'transactionDate' | 'language';

/** A request's fields, less those the client fills in (AO, AC, transaction date, language). */
export type ClientInput<M> = Omit<BuildInput<M>, Filled> &
  Partial<Pick<BuildInput<M>, Extract<keyof BuildInput<M>, Filled>>>;

interface Pending {
  resolve(line: Uint8Array): void;
  reject(error: Error): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class Sip2Client {
  readonly #socket: Socket;
  readonly #options: Sip2ClientOptions;
  readonly #frames: FrameReader;
  #pending: Pending | undefined;
  #closed: Error | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #sequence = 0;

  private constructor(socket: Socket, options: Sip2ClientOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#frames = createFrameReader(options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', (error) => this.#fail(new Sip2ConnectionClosedError(error.message)));
    socket.on('close', () => this.#fail(new Sip2ConnectionClosedError('connection closed')));
  }

  static connect(host: string, port: number, options: Sip2ClientOptions = {}): Promise<Sip2Client> {
    return new Promise((resolve, reject) => {
      const socket = options.tls
        ? connectTls({ ...(isIP(host) ? {} : { servername: host }), ...options.tls, host, port })
        : connectTcp({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Sip2TimeoutError(`no connection to ${host}:${port}`));
      }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(
          new Sip2ConnectionClosedError(`cannot connect to ${host}:${port}: ${error.message}`),
        );
      });
      socket.once(options.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new Sip2Client(socket, options));
      });
    });
  }

  /** Sends a message and resolves with the ACS's response. */
  send(message: Sip2Message): Promise<Sip2Message> {
    return this.#enqueue(() => encode(message, this.#encodeOptions()));
  }

  /** Sends a message typed as text (error detection is added as configured). */
  sendLine(line: string): Promise<Sip2Message> {
    return this.#enqueue(() => encodeLine(line, this.#encodeOptions()));
  }

  login(input: ClientInput<MessageOf<'93'>>): Promise<MessageOf<'94'>> {
    return this.#request('93', input, '94');
  }

  scStatus(input: Partial<ClientInput<MessageOf<'99'>>> = {}): Promise<MessageOf<'98'>> {
    return this.#request('99', { statusCode: 'ok', maxPrintWidth: 40, ...input }, '98');
  }

  patronStatus(input: ClientInput<MessageOf<'23'>>): Promise<MessageOf<'24'>> {
    return this.#request('23', input, '24');
  }

  patronInformation(input: ClientInput<MessageOf<'63'>>): Promise<MessageOf<'64'>> {
    return this.#request('63', input, '64');
  }

  checkout(input: ClientInput<MessageOf<'11'>>): Promise<MessageOf<'12'>> {
    return this.#request('11', input, '12');
  }

  checkin(input: ClientInput<MessageOf<'09'>>): Promise<MessageOf<'10'>> {
    return this.#request('09', input, '10');
  }

  hold(input: ClientInput<MessageOf<'15'>>): Promise<MessageOf<'16'>> {
    return this.#request('15', input, '16');
  }

  itemInformation(input: ClientInput<MessageOf<'17'>>): Promise<MessageOf<'18'>> {
    return this.#request('17', input, '18');
  }

  renew(input: ClientInput<MessageOf<'29'>>): Promise<MessageOf<'30'>> {
    return this.#request('29', input, '30');
  }

  renewAll(input: ClientInput<MessageOf<'65'>>): Promise<MessageOf<'66'>> {
    return this.#request('65', input, '66');
  }

  /** Block patron (01); the ACS answers with a patron status response (24). */
  blockPatron(input: ClientInput<MessageOf<'01'>>): Promise<MessageOf<'24'>> {
    return this.#request('01', input, '24');
  }

  patronEnable(input: ClientInput<MessageOf<'25'>>): Promise<MessageOf<'26'>> {
    return this.#request('25', input, '26');
  }

  endSession(input: ClientInput<MessageOf<'35'>>): Promise<MessageOf<'36'>> {
    return this.#request('35', input, '36');
  }

  /** Closes the connection; requests still waiting are refused. */
  close(): Promise<void> {
    if (this.#socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.end();
    });
  }

  async #request<C extends MessageCode, R extends MessageCode>(
    code: C,
    input: ClientInput<MessageOf<C>>,
    expected: R,
  ): Promise<MessageOf<R>> {
    const fields: object = { ...this.#filled(), ...input };
    const message = build(code, fields as BuildInput<MessageOf<C>>);
    const response = await this.send(message);
    if (response.code !== expected) {
      const got = response.code === 'unsupported' ? response.commandIdentifier : response.code;
      throw new Sip2ProtocolError(`expected a ${expected} response, got ${got}`, response);
    }
    return response as MessageOf<R>;
  }

  #filled() {
    const { institutionId = '', terminalPassword, language = '000' } = this.#options;
    const now = this.#options.now?.() ?? new Date();
    return {
      institutionId,
      language,
      transactionDate: formatSipDateTime(now, this.#options.timeZone ?? DEFAULT_TIME_ZONE),
      ...(terminalPassword === undefined ? {} : { terminalPassword }),
    };
  }

  #encodeOptions() {
    const sequence = this.#sequence;
    this.#sequence = (this.#sequence + 1) % 10;
    return {
      errorDetection: this.#options.errorDetection ?? true,
      sequence,
      encoding: this.#options.encoding ?? 'utf-8',
    };
  }

  #enqueue(encodeRequest: () => Uint8Array): Promise<Sip2Message> {
    const run = () => this.#exchange(encodeRequest());
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #exchange(request: Uint8Array): Promise<Sip2Message> {
    let resent = false;
    let askedAgain = false;
    let result = this.#decode(await this.#roundTrip(request));
    for (;;) {
      if (result.ok && result.message.code === '96' && !resent) {
        resent = true;
        result = this.#decode(await this.#roundTrip(request));
      } else if (!result.ok && result.error === 'checksum' && !askedAgain) {
        askedAgain = true;
        result = this.#decode(await this.#roundTrip(this.#acsResend()));
      } else {
        return accept(result);
      }
    }
  }

  #acsResend(): Uint8Array {
    const { errorDetection = true, encoding = 'utf-8' } = this.#options;
    return encode(buildRequestAcsResend(), { errorDetection, encoding });
  }

  #decode(line: Uint8Array): DecodeResult {
    const { encoding = 'utf-8', maxBytes } = this.#options;
    return decode(line, { encoding, ...(maxBytes === undefined ? {} : { maxBytes }) });
  }

  #roundTrip(request: Uint8Array): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => {
      const timeoutMs = this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timer = setTimeout(() => {
        this.#fail(new Sip2TimeoutError(`no response within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.#pending = undefined;
      };
      this.#pending = {
        resolve: (line) => {
          settle();
          resolve(line);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      this.#trace('sent', request);
      this.#socket.write(request);
    });
  }

  #receive(chunk: Uint8Array): void {
    for (const frame of this.#frames.push(chunk)) {
      if (!frame.ok) {
        this.#fail(new Sip2ProtocolError('the ACS sent a line longer than allowed'));
        return;
      }
      this.#trace('received', frame.bytes);
      this.#pending?.resolve(frame.bytes);
    }
  }

  #fail(error: Error): void {
    if (this.#closed) return;
    this.#closed = error;
    this.#pending?.reject(error);
    this.#socket.destroy();
  }

  #trace(direction: 'sent' | 'received', line: Uint8Array): void {
    const onTrace = this.#options.onTrace;
    if (!onTrace) return;
    const text = decodeText(line, this.#options.encoding ?? 'utf-8');
    onTrace(direction, text.replace(/[\r\n]+$/, ''));
  }
}

function accept(result: DecodeResult): Sip2Message {
  if (!result.ok) throw new Sip2ProtocolError(`bad response (${result.error}): ${result.detail}`);
  if (result.message.code === '96') {
    throw new Sip2ProtocolError('the ACS asked twice for the request again (96)', result.message);
  }
  return result.message;
}
