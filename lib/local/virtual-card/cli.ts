import { access } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isTokenAlgorithm, TOKEN_ALGORITHMS, type TokenAlgorithm } from '../../../functions/domain/id-card';
import { signChallenge } from './card';
import { createDevCa, issueCardCertificate, type CardOptions } from './dev-ca';
import { isKeyType, KEY_TYPES, type KeyType } from './keys';
import {
  devCaDirectory,
  devCaPaths,
  readCard,
  readDevCa,
  revokeInDevCrl,
  writeCard,
  writeDevCa,
} from './store';

export const USAGE = `Usage: npm run id-card -- <command> [options]

The development CA and virtual ID card (2.1): for tests and local use only, never trusted in production.

Commands:
  init-ca  [--dir <d>] [--key ${KEY_TYPES.join('|')}] [--force]
           Create the development CA: <d>/ca.pem (trust it with PORTAL_ID_CARD_CA), <d>/ca-key.pem
           and an empty <d>/crl.pem (PORTAL_ID_CARD_CRL). Refuses to replace an existing CA without --force.
  issue    --pin <14 digits> --out <file> [--key ${KEY_TYPES.join('|')}] [--dir <d>]
           [--not-before <ISO date>] [--not-after <ISO date>] [--no-client-auth]
           [--serial PNOKG|plain|none] [--surname <name>] [--given-name <name>] [--ocsp-url <url>]
           Issue a card certificate; <file> gets the certificate and its PKCS #8 private key (PEM).
  sign     --card <file> --origin <origin> --nonce <nonce> [--algorithm ${Object.keys(TOKEN_ALGORITHMS).join('|')}]
           Print the Web eID authentication token (JSON) the card would send for this challenge.
  revoke   --card <file> [--dir <d>]
           Add the card's certificate to <d>/crl.pem.

<d> defaults to $PORTAL_DATA_DIR/id-card (PORTAL_DATA_DIR defaults to .data).
`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Bad arguments: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const parse = <T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) => {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
};

const required = (value: string | undefined, option: string): string => {
  if (value === undefined || value === '') throw new UsageError(`--${option} is required`);
  return value;
};

const keyTypeOption = (value: string | undefined): KeyType => {
  const keyType = value ?? 'ec-p384';
  if (!isKeyType(keyType)) throw new UsageError(`--key must be one of ${KEY_TYPES.join(', ')}`);
  return keyType;
};

const dateOption = (value: string | undefined, option: string): Date | undefined => {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--${option} must be an ISO date, e.g. 2026-01-31`);
  return date;
};

const SERIAL_STYLES = ['PNOKG', 'plain', 'none'] as const;

const serialStyleOption = (value: string | undefined): CardOptions['serialNumberStyle'] => {
  const style = value ?? 'PNOKG';
  if (!(SERIAL_STYLES as readonly string[]).includes(style))
    throw new UsageError(`--serial must be one of ${SERIAL_STYLES.join(', ')}`);
  return style as CardOptions['serialNumberStyle'];
};

const algorithmOption = (value: string | undefined): TokenAlgorithm | undefined => {
  if (value === undefined) return undefined;
  if (!isTokenAlgorithm(value))
    throw new UsageError(`--algorithm must be one of ${Object.keys(TOKEN_ALGORITHMS).join(', ')}`);
  return value;
};

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

const initCa = async (args: string[], io: CliIo): Promise<void> => {
  const options = parse(args, {
    dir: { type: 'string' },
    key: { type: 'string' },
    force: { type: 'boolean' },
  });
  const directory = options.dir ?? devCaDirectory(io.env);
  if (!options.force && (await exists(devCaPaths(directory).certificate))) {
    throw new Error(
      `A development CA already exists in ${directory}; --force replaces it (cards it issued stop working)`,
    );
  }
  const paths = await writeDevCa(directory, await createDevCa({ keyType: keyTypeOption(options.key) }));
  io.stdout(`Development CA created in ${directory}\n`);
  io.stdout(`  PORTAL_ID_CARD_CA=${paths.certificate}\n  PORTAL_ID_CARD_CRL=${paths.crl}\n`);
};

const issue = async (args: string[], io: CliIo): Promise<void> => {
  const options = parse(args, {
    pin: { type: 'string' },
    out: { type: 'string' },
    key: { type: 'string' },
    dir: { type: 'string' },
    'not-before': { type: 'string' },
    'not-after': { type: 'string' },
    'no-client-auth': { type: 'boolean' },
    serial: { type: 'string' },
    surname: { type: 'string' },
    'given-name': { type: 'string' },
    'ocsp-url': { type: 'string' },
  });
  const pin = required(options.pin, 'pin');
  if (!/^\d{14}$/.test(pin)) throw new UsageError('--pin must be 14 digits');
  const out = required(options.out, 'out');
  const keyType = keyTypeOption(options.key);
  const cardOptions: CardOptions = {
    pin,
    keyType,
    notBefore: dateOption(options['not-before'], 'not-before'),
    notAfter: dateOption(options['not-after'], 'not-after'),
    clientAuth: options['no-client-auth'] !== true,
    serialNumberStyle: serialStyleOption(options.serial),
    surname: options.surname,
    givenName: options['given-name'],
    ocspUrl: options['ocsp-url'],
  };
  const ca = await readDevCa(options.dir ?? devCaDirectory(io.env));
  const card = await issueCardCertificate(ca, cardOptions);
  await writeCard(out, card);
  io.stdout(
    `Virtual card written to ${out}: ${keyType}, certificate serial ${card.certificate.serialNumber}, ` +
      `valid ${card.certificate.notBefore.toISOString()} – ${card.certificate.notAfter.toISOString()}\n`,
  );
};

const sign = async (args: string[], io: CliIo): Promise<void> => {
  const options = parse(args, {
    card: { type: 'string' },
    origin: { type: 'string' },
    nonce: { type: 'string' },
    algorithm: { type: 'string' },
  });
  const cardPath = required(options.card, 'card');
  const origin = required(options.origin, 'origin');
  const nonce = required(options.nonce, 'nonce');
  const algorithm = algorithmOption(options.algorithm);
  const token = await signChallenge(await readCard(cardPath), { origin, nonce, algorithm });
  io.stdout(`${JSON.stringify(token)}\n`);
};

const revoke = async (args: string[], io: CliIo): Promise<void> => {
  const options = parse(args, { card: { type: 'string' }, dir: { type: 'string' } });
  const card = await readCard(required(options.card, 'card'));
  const crlPath = await revokeInDevCrl(options.dir ?? devCaDirectory(io.env), card.certificate);
  io.stdout(`Certificate ${card.certificate.serialNumber} revoked in ${crlPath}\n`);
};

const COMMANDS: Readonly<Record<string, (args: string[], io: CliIo) => Promise<void>>> = {
  'init-ca': initCa,
  issue,
  sign,
  revoke,
};

/** `npm run id-card -- <command>`: returns the exit code; never throws. */
export const runIdCardCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = COMMANDS[command];
  try {
    if (run === undefined) throw new UsageError(`Unknown command: ${command}`);
    await run(args, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.stderr(`id-card ${command}: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
};
