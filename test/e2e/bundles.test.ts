import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleAll, type Bundle } from '../../bench/bundles';
import { signChallenge } from '../../lib/local/virtual-card/card';
import { issueCardCertificate } from '../../lib/local/virtual-card/dev-ca';
import { ensureDevCa } from '../../lib/local/virtual-card/store';
import { idempotencyTable, portalTable } from '../../contract/tables';
import { createTestTables, type TestTables } from '../support/dynamo';
import { apiEvent } from '../support/events';
import { newApplicant } from '../support/portal';

const run = promisify(execFile);

/**
 * Runs one export of a bundle in a fresh Node process, as Lambda does: `require` of index.js, then one call
 * with the event; prints the answer, or the error's code on failure, as its last line.
 */
const invoker = `'use strict';
const [bundle, exportName, event] = process.argv.slice(2);
const context = { awsRequestId: 'bundle-test', functionName: 'bundle-test', getRemainingTimeInMillis: () => 10000 };
Promise.resolve()
  .then(() => require(bundle)[exportName](JSON.parse(event), context))
  .then((answer) => process.stdout.write('\\n' + JSON.stringify(answer ?? null)))
  .catch((error) => { process.stdout.write('\\n' + JSON.stringify({ thrown: error.code })); });
`;

interface FakeAws {
  readonly url: string;
  /**
   * Each request: its action (`X-Amz-Target` of JSON protocols, `Action` of query ones), its body and the session
   * token it was signed with.
   */
  readonly calls: { action: string; body: string; sessionToken?: string }[];
  stop(): Promise<void>;
}

/**
 * Secrets Manager and SNS as the functions' AWS adapters reach them, on loopback (the SDK's per-service
 * `AWS_ENDPOINT_URL_*`): GetSecretValue answers a key secret of 64 characters, Publish a message id.
 */
const startFakeAws = async (): Promise<FakeAws> => {
  const calls: FakeAws['calls'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const action =
        request.headers['x-amz-target']?.toString() ?? new URLSearchParams(body).get('Action') ?? '';
      calls.push({ action, body, sessionToken: request.headers['x-amz-security-token']?.toString() });
      if (action === 'secretsmanager.GetSecretValue') {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ Name: 'keys', SecretString: 'k'.repeat(64), VersionId: 'v1' }));
      } else if (action === 'Publish') {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>' +
            '<MessageId>m-1</MessageId></PublishResult></PublishResponse>',
        );
      } else {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

/**
 * The deployable artifacts themselves: every function bundled as the CDK app bundles it (esbuild, minified,
 * everything in one file), loaded in a fresh process with Lambda's environment, each answering a request of
 * its own. The other tests run the TypeScript sources; this one catches what only bundling can break (lazy
 * imports, module formats, files the code reads at run time).
 */
describe('The Lambda bundles', () => {
  let tables: TestTables;
  let outDir: string;
  let bundles: ReadonlyMap<string, Bundle>;
  let aws: FakeAws;
  /** Whatever the functions printed besides their answers: logs, metrics, local outboxes. */
  const printed: string[] = [];

  beforeAll(async () => {
    tables = await createTestTables();
    outDir = mkdtempSync(join(tmpdir(), 'portal-bundles-'));
    writeFileSync(join(outDir, 'invoke.cjs'), invoker);
    const { functions } = await bundleAll(join(outDir, 'bundles'));
    bundles = new Map(functions.map((bundle) => [bundle.name, bundle]));
    aws = await startFakeAws();
  }, 120_000);

  afterAll(async () => {
    await aws.stop();
    rmSync(outDir, { recursive: true, force: true });
  });

  const invoke = async (
    name: string,
    event: unknown,
    exportName = 'handler',
    settings: NodeJS.ProcessEnv = {},
  ) => {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(outDir, 'invoke.cjs'), bundles.get(name)!.outfile, exportName, JSON.stringify(event)],
      {
        timeout: 30_000,
        env: {
          PATH: process.env.PATH,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_REGION: 'eu-central-1',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          NODE_OPTIONS: '--enable-source-maps',
          // The portal's local runtime (key ring and SMS outbox in a folder, DynamoDB Local), in Lambda's environment.
          PORTAL_RUNTIME: 'local',
          PORTAL_DATA_DIR: join(outDir, 'data'),
          PORTAL_DYNAMODB_ENDPOINT: tables.endpoint,
          [portalTable.envVar]: tables.tableName,
          [idempotencyTable.envVar]: tables.idempotencyTableName,
          POWERTOOLS_SERVICE_NAME: `srs-portal-${name.replace('/', '-')}`,
          POWERTOOLS_LOG_LEVEL: 'ERROR',
          AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
          AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
          LAMBDA_TASK_ROOT: outDir,
          _HANDLER: 'index.handler',
          ...settings,
        },
      },
    );
    // The answer is the last line: logs, metrics and local adapters (the alerts outbox) print before it.
    const lines = stdout.trim().split('\n');
    const answer = JSON.parse(lines.pop()!) as {
      statusCode?: number;
      body?: string;
      thrown?: string;
      complete?: boolean;
    };
    printed.push(...lines, stderr);
    return answer;
  };

  const applicant = newApplicant();

  it.each([
    ['public', apiEvent('GET', '/v1/health'), 200],
    [
      'consents',
      apiEvent('POST', '/v1/consents', { body: { agreementVersion: '1', accepted: true, language: 'ky' } }),
      201,
    ],
    [
      'registrations',
      apiEvent('POST', '/v1/registrations', {
        body: { consentId: 'no-such-consent', applicantType: 'individual', ...applicant },
      }),
      410,
    ],
    [
      'sessions',
      apiEvent('POST', '/v1/sessions', { body: { phone: applicant.phone, password: 'not-it' } }),
      401,
    ],
    ['id-card', apiEvent('POST', '/v1/id-card/challenges'), 201],
    ['cabinet', apiEvent('GET', '/v1/me'), 401],
    [
      'access-reports',
      apiEvent('POST', '/v1/access-reports', { body: { phone: applicant.phone, pin: applicant.pin } }),
      202,
    ],
  ])('%s answers as its sources do', async (group, event, status) => {
    const answer = await invoke(group, event);
    expect([group, answer.statusCode]).toEqual([group, status]);
  });

  /** Consent and registration through their bundles; the answer of the registration. */
  const register = async (who: ReturnType<typeof newApplicant>, settings: NodeJS.ProcessEnv = {}) => {
    const consent = await invoke(
      'consents',
      apiEvent('POST', '/v1/consents', { body: { agreementVersion: '1', accepted: true, language: 'ky' } }),
      'handler',
      settings,
    );
    const { consentId } = JSON.parse(consent.body!) as { consentId: string };
    return invoke(
      'registrations',
      apiEvent('POST', '/v1/registrations', { body: { consentId, applicantType: 'individual', ...who } }),
      'handler',
      settings,
    );
  };

  it('id-card checks a card’s signature over its challenge and opens a session (2.1): X.509 works bundled', async () => {
    const cardHolder = newApplicant();
    expect((await register(cardHolder)).statusCode).toBe(201);
    const { ca, paths } = await ensureDevCa(join(outDir, 'id-card-ca'));
    const trust = { PORTAL_ID_CARD_CA: paths.certificate, PORTAL_ID_CARD_CRL: paths.crl };
    const challenge = await invoke('id-card', apiEvent('POST', '/v1/id-card/challenges'), 'handler', trust);
    const { challengeId, nonce } = JSON.parse(challenge.body!) as { challengeId: string; nonce: string };
    const card = await issueCardCertificate(ca, { pin: cardHolder.pin });
    const authToken = await signChallenge(card, { origin: 'http://localhost:3000', nonce });
    const session = await invoke(
      'id-card',
      apiEvent('POST', '/v1/id-card/sessions', { body: { challengeId, authToken } }),
      'handler',
      trust,
    );
    expect(session.statusCode).toBe(201);
  });

  it('in the AWS runtime, a registration derives its keys from the Secrets Manager secret, sends the password by SNS (2.5) and logs one line counting those calls, without personal data (2.4)', async () => {
    const registrant = newApplicant();
    // A deployment of its own: the other tests' items (the month's network-data key among them) are wrapped by the
    // local key ring, which this runtime's Secrets Manager keys cannot open, as no real stage ever mixes two.
    const ownTables = await createTestTables();
    const inAws = {
      [portalTable.envVar]: ownTables.tableName,
      [idempotencyTable.envVar]: ownTables.idempotencyTableName,
      PORTAL_RUNTIME: 'aws',
      PORTAL_KEYS_SECRET_ID: 'srs-portal/test/keys',
      // The function role's credentials, as Lambda puts them in the environment.
      AWS_ACCESS_KEY_ID: 'ASIAFUNCTIONROLE',
      AWS_SECRET_ACCESS_KEY: 'role-secret',
      AWS_SESSION_TOKEN: 'role-session',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url,
      AWS_ENDPOINT_URL_SNS: aws.url,
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
    };
    expect((await register(registrant, inAws)).statusCode).toBe(201);
    // The consent reads the keys too (2.4: its IP address and user agent are sealed), in a process of its own.
    const [consentSecret, secret, publish] = aws.calls;
    expect(aws.calls.map((call) => call.action)).toEqual([
      'secretsmanager.GetSecretValue',
      'secretsmanager.GetSecretValue',
      'Publish',
    ]);
    for (const read of [consentSecret, secret])
      expect(JSON.parse(read!.body)).toEqual({ SecretId: 'srs-portal/test/keys' });
    expect(aws.calls.map((call) => call.sessionToken)).toEqual(Array(3).fill('role-session'));
    const sms = new URLSearchParams(publish!.body);
    expect(sms.get('PhoneNumber')).toBe(registrant.phone);
    expect(sms.get('Message')).toEqual(expect.any(String));
    expect(sms.get('MessageAttributes.entry.1.Value.StringValue')).toBe('Transactional');
    // Its one line counts its calls to each service; its store calls are the route's metrics.
    const lines = printed.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{'));
    const served = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.message === 'request.served' && line.route === 'register');
    expect(served).toEqual([
      expect.objectContaining({
        status: 201,
        secretsManagerCalls: 1,
        snsCalls: 1,
        dynamodbCalls: expect.any(Number),
        dynamodbMs: expect.any(Number),
      }),
    ]);
    expect(served[0]!.dynamodbCalls).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('"StoreCalls"') && line.includes('"route":"register"'))).toBe(
      true,
    );
    // Security rules: no log line at any level, and no metric, holds any of it.
    const output = printed.join('\n');
    expect(output).toContain('"level":"INFO"');
    for (const secret of [registrant.phone, registrant.passportNumber, registrant.pin, sms.get('Message')!]) {
      expect(output).not.toContain(secret);
    }
  });

  it('every bundle takes the AWS credentials from the environment alone, without the rest of the SDK’s chain (lib/bundling.ts)', () => {
    for (const bundle of bundles.values()) {
      const { sources } = JSON.parse(readFileSync(`${bundle.outfile}.map`, 'utf8')) as { sources: string[] };
      const credentialSources = sources.filter((source) => /credential-provider|nested-clients/.test(source));
      expect([bundle.name, credentialSources]).toEqual([
        bundle.name,
        bundle.name === 'public' ? [] : [expect.stringContaining('@aws-sdk/credential-provider-env/')],
      ]);
    }
  });

  it('the operators’ jobs and commands run from their bundles', async () => {
    expect(await invoke('operators/jobs', {}, 'dailyReport')).toMatchObject({ complete: true });
    expect(await invoke('operators/commands', { detail: {} })).toEqual({ thrown: 'invalid_command' });
  });
});
