import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Sip2Client,
  type Sip2ClientOptions,
  Sip2ConnectionClosedError,
  Sip2ProtocolError,
  Sip2TimeoutError,
} from './client.js';
import {
  buildAcsStatus,
  buildCheckoutResponse,
  buildLoginResponse,
  buildPatronStatusResponse,
  buildRequestScResend,
  createFrameReader,
  type DecodeResult,
  decode,
  type EncodeOptions,
  encode,
  patronStatus,
  type Sip2Encoding,
  type Sip2Message,
  supportedMessages,
} from './codec.js';

const DATE = '20240315    093000';

/** What the test server does with one request: answer it (bytes or a message), or not. */
type Answer = Sip2Message | Uint8Array | undefined;

interface Received {
  bytes: Uint8Array;
  result: DecodeResult;
}

/** A tiny ACS on 127.0.0.1 that answers each request with `answer(request, index)`. */
async function startAcs(
  answer: (request: Received, index: number) => Answer,
  encoding: Sip2Encoding = 'utf-8',
) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const frames = createFrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of frames.push(chunk)) {
        if (!frame.ok) continue;
        const request = { bytes: frame.bytes, result: decode(frame.bytes, { encoding }) };
        received.push(request);
        const response = answer(request, received.length - 1);
        if (response === undefined) continue;
        socket.write(
          response instanceof Uint8Array ? response : reply(request, response, encoding),
        );
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const stop = () => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port, received, stop, sockets };
}

/** Answers with error detection when the request had it, with the request's sequence number. */
function reply(request: Received, message: Sip2Message, encoding: Sip2Encoding): Uint8Array {
  const options: EncodeOptions = { encoding };
  if (request.result.ok && request.result.errorDetection) {
    options.errorDetection = true;
    options.sequence = request.result.sequence ?? 0;
  }
  return encode(message, options);
}

const loginOk = buildLoginResponse({ ok: true });
const acsStatus = buildAcsStatus({
  onlineStatus: true,
  checkinOk: true,
  checkoutOk: true,
  acsRenewalPolicy: true,
  statusUpdateOk: false,
  offlineOk: false,
  timeoutPeriod: 30,
  retriesAllowed: 3,
  dateTimeSync: DATE,
  institutionId: 'GN001',
  supportedMessages: supportedMessages({ login: true, checkout: true }),
});
const checkoutOk = buildCheckoutResponse({
  ok: true,
  renewalOk: true,
  transactionDate: DATE,
  institutionId: 'GN001',
  patronIdentifier: '1234',
  itemIdentifier: 'EM1',
  titleIdentifier: '토지',
  dueDate: '20240329    235959',
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function connect(port: number, options: Sip2ClientOptions = {}) {
  const client = await Sip2Client.connect('127.0.0.1', port, {
    institutionId: 'GN001',
    now: () => new Date('2024-03-15T00:30:00Z'),
    ...options,
  });
  cleanups.push(() => client.close());
  return client;
}

async function acs(...args: Parameters<typeof startAcs>) {
  const server = await startAcs(...args);
  cleanups.push(server.stop);
  return server;
}

describe('Sip2Client', () => {
  it('logs in and asks for the ACS status, filling in AO, the date and sequence numbers', async () => {
    const server = await acs((request) =>
      request.result.ok && request.result.message.code === '93' ? loginOk : acsStatus,
    );
    const client = await connect(server.port);
    await expect(client.login({ loginUserId: 'kiosk', loginPassword: 'pw' })).resolves.toEqual(
      loginOk,
    );
    await expect(client.scStatus()).resolves.toEqual(acsStatus);
    expect(server.received.map(({ result }) => result)).toEqual([
      {
        ok: true,
        errorDetection: true,
        sequence: 0,
        message: {
          code: '93',
          uidAlgorithm: '0',
          pwdAlgorithm: '0',
          loginUserId: 'kiosk',
          loginPassword: 'pw',
        },
      },
      {
        ok: true,
        errorDetection: true,
        sequence: 1,
        message: { code: '99', statusCode: 'ok', maxPrintWidth: 40, protocolVersion: '2.00' },
      },
    ]);
  });

  it('checks out with the transaction date in Korean time', async () => {
    const server = await acs(() => checkoutOk);
    const client = await connect(server.port, { terminalPassword: 'term' });
    const response = await client.checkout({ patronIdentifier: '1234', itemIdentifier: 'EM1' });
    expect(response).toEqual(checkoutOk);
    expect(server.received[0]?.result).toMatchObject({
      ok: true,
      message: {
        code: '11',
        transactionDate: '20240315    093000',
        institutionId: 'GN001',
        patronIdentifier: '1234',
        itemIdentifier: 'EM1',
        terminalPassword: 'term',
      },
    });
  });

  it('sends the same request once more when the ACS answers 96', async () => {
    const resend = encode(buildRequestScResend(), { errorDetection: true });
    const server = await acs((_request, index) => (index === 0 ? resend : checkoutOk));
    const client = await connect(server.port);
    await expect(
      client.checkout({ patronIdentifier: '1234', itemIdentifier: 'EM1' }),
    ).resolves.toEqual(checkoutOk);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]?.bytes).toEqual(server.received[0]?.bytes);
  });

  it('gives up when the ACS answers 96 twice', async () => {
    const server = await acs(() => buildRequestScResend());
    const client = await connect(server.port);
    const checkout = client.checkout({ patronIdentifier: '1234', itemIdentifier: 'EM1' });
    await expect(checkout).rejects.toThrow(Sip2ProtocolError);
    expect(server.received).toHaveLength(2);
  });

  it('asks for a response again (97) when its checksum is wrong', async () => {
    const good = encode(loginOk, { errorDetection: true, sequence: 0 });
    const bad = good.slice();
    bad[2] = 0x39; // '9' instead of 'Y'/'1' breaks the checksum
    const server = await acs((_request, index) => (index === 0 ? bad : good));
    const client = await connect(server.port);
    await expect(client.login({ loginUserId: 'kiosk', loginPassword: 'pw' })).resolves.toEqual(
      loginOk,
    );
    expect(server.received[1]?.result).toEqual({
      ok: true,
      errorDetection: true,
      message: { code: '97' },
    });
  });

  it('sends one request at a time, in the order asked', async () => {
    let outstanding = 0;
    let most = 0;
    const server = await acs((request) => {
      outstanding += 1;
      most = Math.max(most, outstanding);
      const message = request.result.ok ? request.result.message : undefined;
      const patronIdentifier =
        message && 'patronIdentifier' in message ? message.patronIdentifier : '';
      const response = buildPatronStatusResponse({
        transactionDate: DATE,
        institutionId: 'GN001',
        patronIdentifier: patronIdentifier ?? '',
        personalName: `patron ${patronIdentifier}`,
      });
      setTimeout(() => {
        outstanding -= 1;
        for (const socket of server.sockets) socket.write(reply(request, response, 'utf-8'));
      }, 5);
      return undefined;
    });
    const client = await connect(server.port);
    const cards = ['1', '2', '3', '4'];
    const responses = await Promise.all(
      cards.map((card) => client.patronStatus({ patronIdentifier: card, patronPassword: '' })),
    );
    expect(responses.map((response) => response.personalName)).toEqual(
      cards.map((card) => `patron ${card}`),
    );
    expect(most).toBe(1);
  });

  it('times out, closes the connection and refuses further requests', async () => {
    const server = await acs(() => undefined);
    const client = await connect(server.port, { timeoutMs: 100 });
    await expect(client.scStatus()).rejects.toThrow(Sip2TimeoutError);
    await expect(client.scStatus()).rejects.toThrow(Sip2TimeoutError);
    expect(server.received).toHaveLength(1);
  });

  it('rejects an answer that is not the expected response', async () => {
    const server = await acs(() => loginOk);
    const client = await connect(server.port);
    const status = client.scStatus();
    await expect(status).rejects.toThrow(Sip2ProtocolError);
    await expect(status).rejects.toMatchObject({ response: loginOk });
  });

  it('reports a connection closed by the ACS', async () => {
    const server = await acs(() => undefined);
    const client = await connect(server.port);
    const status = client.scStatus();
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const socket of server.sockets) socket.destroy();
    await expect(status).rejects.toThrow(Sip2ConnectionClosedError);
  });

  it('speaks EUC-KR when the terminal does, without error detection when asked', async () => {
    const name = '홍길동';
    const server = await acs(
      (request) =>
        buildPatronStatusResponse({
          patronStatus: patronStatus({ holdPrivilegesDenied: true }),
          transactionDate: DATE,
          institutionId: 'GN001',
          patronIdentifier: '1234',
          personalName:
            request.result.ok && request.result.message.code === '23'
              ? `${name}/${request.result.message.patronPassword}`
              : '?',
        }),
      'euc-kr',
    );
    const lines: string[] = [];
    const client = await connect(server.port, {
      encoding: 'euc-kr',
      errorDetection: false,
      onTrace: (direction, line) => lines.push(`${direction} ${line}`),
    });
    const response = await client.patronStatus({
      patronIdentifier: '1234',
      patronPassword: '비번',
    });
    expect(response.personalName).toBe(`${name}/비번`);
    expect(response.patronStatus.holdPrivilegesDenied).toBe(true);
    expect(server.received[0]?.bytes).toContain(0xba); // 비 is BA F1 in EUC-KR
    expect(server.received[0]?.result).toMatchObject({ ok: true, errorDetection: false });
    expect(lines).toEqual([
      `sent 23000${DATE}AOGN001|AA1234|AC|AD비번|`,
      `received 24   Y          000${DATE}AOGN001|AA1234|AE${name}/비번|`,
    ]);
  });

  it('sends a raw line typed by a person', async () => {
    const server = await acs(() => acsStatus);
    const client = await connect(server.port);
    await expect(client.sendLine('9900302.00')).resolves.toEqual(acsStatus);
    expect(new TextDecoder().decode(server.received[0]?.bytes)).toMatch(
      /^9900302\.00AY0AZ[0-9A-F]{4}$/,
    );
  });

  it('fails to connect to a closed port', async () => {
    const server = await startAcs(() => undefined);
    await server.stop();
    await expect(Sip2Client.connect('127.0.0.1', server.port)).rejects.toThrow(
      Sip2ConnectionClosedError,
    );
  });
});
