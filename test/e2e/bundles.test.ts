import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleAll, type Bundle } from '../../bench/bundles';
import { signChallenge } from '../../lib/local/virtual-card/card';
import { issueCardCertificate } from '../../lib/local/virtual-card/dev-ca';
import { ensureDevCa } from '../../lib/local/virtual-card/store';
import { idempotencyTable, portalTable } from '../../lib/tables';
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

/**
 * The deployable artifacts themselves: every function bundled as the CDK app bundles it (esbuild, minified,
 * everything in one file), loaded in a fresh process with tracing on as in Lambda, each answering a request of
 * its own. The other tests run the TypeScript sources; this one catches what only bundling can break (lazy
 * imports, module formats, files the code reads at run time).
 */
describe('The Lambda bundles', () => {
  let tables: TestTables;
  let outDir: string;
  let bundles: ReadonlyMap<string, Bundle>;
  let daemon: Socket;
  const traced: string[] = [];

  beforeAll(async () => {
    tables = await createTestTables();
    outDir = mkdtempSync(join(tmpdir(), 'portal-bundles-'));
    writeFileSync(join(outDir, 'invoke.cjs'), invoker);
    const { functions } = await bundleAll(join(outDir, 'bundles'));
    bundles = new Map(functions.map((bundle) => [bundle.name, bundle]));
    daemon = createSocket('udp4');
    daemon.on('message', (message) => traced.push(message.toString('utf8')));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  }, 120_000);

  afterAll(() => {
    daemon.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  const invoke = async (
    name: string,
    event: unknown,
    exportName = 'handler',
    settings: NodeJS.ProcessEnv = {},
  ) => {
    const { stdout } = await run(
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
          // The portal's local runtime (key ring and SMS outbox in a folder, DynamoDB Local), traced as in Lambda.
          PORTAL_RUNTIME: 'local',
          PORTAL_DATA_DIR: join(outDir, 'data'),
          PORTAL_DYNAMODB_ENDPOINT: tables.endpoint,
          [portalTable.envVar]: tables.tableName,
          [idempotencyTable.envVar]: tables.idempotencyTableName,
          POWERTOOLS_SERVICE_NAME: `srs-portal-${name.replace('/', '-')}`,
          POWERTOOLS_LOG_LEVEL: 'ERROR',
          POWERTOOLS_TRACE_ENABLED: 'true',
          POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
          AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
          AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
          LAMBDA_TASK_ROOT: outDir,
          _HANDLER: 'index.handler',
          _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
          AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
          AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
          ...settings,
        },
      },
    );
    // The answer is the last line: local adapters (the operators' alerts outbox) print before it.
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      statusCode?: number;
      body?: string;
      thrown?: string;
      complete?: boolean;
    };
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

  it('id-card checks a card’s signature over its challenge and opens a session (2.1): X.509 works bundled', async () => {
    const cardHolder = newApplicant();
    const consent = await invoke(
      'consents',
      apiEvent('POST', '/v1/consents', { body: { agreementVersion: '1', accepted: true, language: 'ky' } }),
    );
    const { consentId } = JSON.parse(consent.body!) as { consentId: string };
    const registered = await invoke(
      'registrations',
      apiEvent('POST', '/v1/registrations', {
        body: { consentId, applicantType: 'individual', ...cardHolder },
      }),
    );
    expect(registered.statusCode).toBe(201);
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

  it('the operators’ jobs and commands run from their bundles', async () => {
    expect(await invoke('operators/jobs', {}, 'dailyReport')).toMatchObject({ complete: true });
    expect(await invoke('operators/commands', { detail: {} })).toEqual({ thrown: 'invalid_command' });
  });

  it('are traced as in Lambda: the handlers and their DynamoDB calls, never an answer', () => {
    expect(traced.some((document) => document.includes('"## index.handler"'))).toBe(true);
    expect(traced.some((document) => document.includes('"DynamoDB"'))).toBe(true);
    expect(traced.join('\n')).not.toContain(applicant.phone);
  });
});
