#!/usr/bin/env node
/**
 * A SIP2 terminal on the command line, for librarians and developers debugging a self-check
 * machine's conversation with the ACS: `npm run sip2 -- --help`.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  Sip2Client,
  type Sip2ClientOptions,
  Sip2ConnectionClosedError,
  Sip2ProtocolError,
  Sip2TimeoutError,
} from '../sip2/client.js';
import {
  formatSipDateTime,
  type PatronSummary,
  SIP2_ENCODINGS,
  Sip2EncodeError,
  type Sip2Encoding,
  type Sip2Message,
} from '../sip2/codec.js';
import { describeMessage } from '../sip2/describe.js';

interface GlobalOptions {
  host: string;
  port: number;
  user?: string;
  password: string;
  location?: string;
  institution: string;
  terminalPassword?: string;
  encoding: Sip2Encoding;
  checksum: boolean;
  raw: boolean;
  timeout: number;
  tls: boolean;
  ca?: string;
}

const SUMMARY_CHOICES: Readonly<Record<string, PatronSummary>> = {
  hold: 'hold',
  overdue: 'overdue',
  charged: 'charged',
  fine: 'fine',
  recall: 'recall',
  unavailable: 'unavailableHolds',
};

function wholeNumber(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number > max) {
      throw new InvalidArgumentError(`${name} must be a whole number up to ${max}.`);
    }
    return number;
  };
}

function printMessage(message: Sip2Message): void {
  const { title, fields } = describeMessage(message);
  const width = Math.max(0, ...fields.map((field) => field.label.length));
  console.log(title);
  for (const { label, value } of fields) console.log(`  ${label.padEnd(width)}  ${value}`);
}

function printRaw(direction: 'sent' | 'received', line: string): void {
  console.log(`${direction === 'sent' ? '→' : '←'} ${line}`);
}

/** Exit status 2 when the ACS answered but refused (ok = no). */
function refused(message: Sip2Message): boolean {
  return 'ok' in message && message.ok === false;
}

function clientOptions(options: GlobalOptions): Sip2ClientOptions {
  return {
    encoding: options.encoding,
    errorDetection: options.checksum,
    timeoutMs: options.timeout,
    institutionId: options.institution,
    ...(options.terminalPassword === undefined
      ? {}
      : { terminalPassword: options.terminalPassword }),
    ...(options.raw ? { onTrace: printRaw } : {}),
    // --ca implies TLS: a self-signed or private certificate the system does not trust.
    ...(options.tls || options.ca !== undefined
      ? { tls: options.ca === undefined ? {} : { ca: readFileSync(options.ca) } }
      : {}),
  };
}

type Exchange = (client: Sip2Client, options: GlobalOptions) => Promise<Sip2Message>;

async function converse(command: Command, exchange: Exchange): Promise<void> {
  const options = command.optsWithGlobals<GlobalOptions>();
  const client = await Sip2Client.connect(options.host, options.port, clientOptions(options));
  try {
    if (options.user !== undefined) {
      const login = await client.login({
        loginUserId: options.user,
        loginPassword: options.password,
        ...(options.location === undefined ? {} : { locationCode: options.location }),
      });
      printMessage(login);
      if (!login.ok) {
        console.error('sip2: the ACS refused the login.');
        process.exitCode = 2;
        return;
      }
    }
    const response = await exchange(client, options);
    printMessage(response);
    if (refused(response)) process.exitCode = 2;
  } finally {
    await client.close();
  }
}

function fail(error: unknown): void {
  const known =
    error instanceof Sip2TimeoutError ||
    error instanceof Sip2ConnectionClosedError ||
    error instanceof Sip2ProtocolError ||
    error instanceof Sip2EncodeError;
  if (error instanceof Sip2ProtocolError && error.response) printMessage(error.response);
  const text = error instanceof Error ? error.message : String(error);
  console.error(known ? `sip2: ${text}` : `sip2: unexpected error: ${text}`);
  process.exitCode = 1;
}

/** An action: one exchange after the optional login. */
function run(
  exchange: (client: Sip2Client, options: Record<string, string>) => Promise<Sip2Message>,
) {
  return (options: Record<string, string>, command: Command) =>
    converse(command, (client) => exchange(client, options)).catch(fail);
}

const program = new Command('sip2')
  .description(
    'Talk SIP2 to an ACS as a self-check machine would, and print the answers.\n' +
      'Logs in (93) first when --user is given. Exit status: 0 answered, 2 refused, 1 error.',
  )
  .option('--host <host>', 'ACS address', '127.0.0.1')
  .option('--port <port>', 'ACS port', wholeNumber('port', 65535), 6001)
  .option('--user <id>', 'login user id (CN); sends a login (93) first')
  .option('--password <password>', 'login password (CO)', '')
  .option('--location <code>', 'location code (CP of login, AP of checkin)')
  .option('--institution <id>', 'institution id (AO)', '')
  .option('--terminal-password <password>', 'terminal password (AC)')
  .addOption(
    new Option('--encoding <encoding>', 'character encoding of the terminal')
      .choices(SIP2_ENCODINGS)
      .default('utf-8'),
  )
  .option('--no-checksum', 'send without error detection (no AY/AZ)')
  .option('--raw', 'also print the raw lines sent (→) and received (←)', false)
  .option('--tls', 'SIP2 over TLS (the service has SIP2_TLS_CERT and SIP2_TLS_KEY)', false)
  .option('--ca <file>', "TLS: trust this PEM certificate (the service's, when self-signed)")
  .option('--timeout <ms>', 'how long to wait for each answer', wholeNumber('timeout'), 10_000);

program
  .command('status')
  .description('SC status (99): is the ACS online, what does it support')
  .action(run((client) => client.scStatus()));

program
  .command('patron-status')
  .description('patron status (23)')
  .requiredOption('--card <number>', 'patron identifier (AA)')
  .option('--pin <pin>', 'patron password (AD)', '')
  .action(
    run((client, { card = '', pin = '' }) =>
      client.patronStatus({ patronIdentifier: card, patronPassword: pin }),
    ),
  );

program
  .command('patron-info')
  .description('patron information (63), optionally with one item list')
  .requiredOption('--card <number>', 'patron identifier (AA)')
  .option('--pin <pin>', 'patron password (AD)')
  .addOption(
    new Option('--items <list>', 'item list to ask for').choices(Object.keys(SUMMARY_CHOICES)),
  )
  .option('--start <n>', 'first item to list (BP)')
  .option('--end <n>', 'last item to list (BQ)')
  .action(
    run((client, { card = '', pin, items, start, end }) =>
      client.patronInformation({
        patronIdentifier: card,
        summary: items === undefined ? null : (SUMMARY_CHOICES[items] ?? null),
        ...(pin === undefined ? {} : { patronPassword: pin }),
        ...(start === undefined ? {} : { startItem: wholeNumber('--start')(start) }),
        ...(end === undefined ? {} : { endItem: wholeNumber('--end')(end) }),
      }),
    ),
  );

program
  .command('checkout')
  .description('checkout (11)')
  .requiredOption('--card <number>', 'patron identifier (AA)')
  .requiredOption('--item <barcode>', 'item identifier (AB)')
  .option('--pin <pin>', 'patron password (AD)')
  .action(
    run((client, { card = '', item = '', pin }) =>
      client.checkout({
        patronIdentifier: card,
        itemIdentifier: item,
        ...(pin === undefined ? {} : { patronPassword: pin }),
      }),
    ),
  );

program
  .command('checkin')
  .description('checkin (09), at --location')
  .requiredOption('--item <barcode>', 'item identifier (AB)')
  .action((options: Record<string, string>, command: Command) =>
    converse(command, (client, globals) =>
      client.checkin({
        itemIdentifier: options.item ?? '',
        currentLocation: globals.location ?? '',
        returnDate: formatSipDateTime(new Date()),
      }),
    ).catch(fail),
  );

program
  .command('item-info')
  .description('item information (17)')
  .requiredOption('--item <barcode>', 'item identifier (AB)')
  .action(run((client, { item = '' }) => client.itemInformation({ itemIdentifier: item })));

program
  .command('renew')
  .description('renew one item (29)')
  .requiredOption('--card <number>', 'patron identifier (AA)')
  .requiredOption('--item <barcode>', 'item identifier (AB)')
  .option('--pin <pin>', 'patron password (AD)')
  .action(
    run((client, { card = '', item = '', pin }) =>
      client.renew({
        patronIdentifier: card,
        itemIdentifier: item,
        ...(pin === undefined ? {} : { patronPassword: pin }),
      }),
    ),
  );

program
  .command('renew-all')
  .description('renew every item of a patron (65)')
  .requiredOption('--card <number>', 'patron identifier (AA)')
  .option('--pin <pin>', 'patron password (AD)')
  .action(
    run((client, { card = '', pin }) =>
      client.renewAll({
        patronIdentifier: card,
        ...(pin === undefined ? {} : { patronPassword: pin }),
      }),
    ),
  );

program
  .command('block')
  .description('block patron (01), e.g. a card left in the machine')
  .requiredOption('--card <number>', 'patron identifier (AA)')
  .requiredOption('--reason <text>', 'blocked card message (AL)')
  .option('--retained', 'the machine kept the card')
  .action((options: { card: string; reason: string; retained?: boolean }, command: Command) =>
    converse(command, (client) =>
      client.blockPatron({
        patronIdentifier: options.card,
        blockedCardMessage: options.reason,
        cardRetained: options.retained === true,
      }),
    ).catch(fail),
  );

program
  .command('enable')
  .description('patron enable (25)')
  .requiredOption('--card <number>', 'patron identifier (AA)')
  .option('--pin <pin>', 'patron password (AD)')
  .action(
    run((client, { card = '', pin }) =>
      client.patronEnable({
        patronIdentifier: card,
        ...(pin === undefined ? {} : { patronPassword: pin }),
      }),
    ),
  );

program
  .command('end-session')
  .description('end patron session (35)')
  .requiredOption('--card <number>', 'patron identifier (AA)')
  .option('--pin <pin>', 'patron password (AD)')
  .action(
    run((client, { card = '', pin }) =>
      client.endSession({
        patronIdentifier: card,
        ...(pin === undefined ? {} : { patronPassword: pin }),
      }),
    ),
  );

program
  .command('raw')
  .description('send one message as typed, e.g. "9900302.00" (AY/AZ are added)')
  .argument('<message>', 'the message without sequence number, checksum or line end')
  .action((message: string, _options: unknown, command: Command) =>
    converse(command, (client) => client.sendLine(message)).catch(fail),
  );

await program.parseAsync();
