import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { FieldProblem } from '../functions/domain/errors';
import {
  cliNameOf,
  commandNamed,
  commandNames,
  operatorEventSource,
  parseOperatorEvent,
  type CommandName,
} from '../functions/domain/operators/commands';
import type { CommandOutcome } from '../functions/domain/operators/execute-command';
import { parseOperatorQuery, type OperatorQuery } from '../functions/domain/operators/queries';
import type { StageName } from '../lib/stage';
import {
  isJobName,
  jobInputSchema,
  jobNames,
  type JobName,
  type JobReport,
} from '../functions/domain/operators/jobs/job';

/**
 * `npm run admin -- <command> …`: the operators' commands and scheduled jobs on this machine. It builds the event
 * EventBridge would deliver and calls the same handler in this process, on the store of PORTAL_DATA_DIR (the
 * running `npm start`'s DynamoDB Local, or one it starts and stops itself). Modules that read the environment
 * are imported only after the local environment is set, as lib/local/portal.ts does.
 */

const usage = `Usage: npm run admin -- <command> [options]

Commands (the operator events of DESIGN "Operator functions", in kebab case):
  block-account          --phone <+996…> | --account <id>  --reason <text>  [--operator <id>]
  unblock-account        --phone <+996…> | --account <id>  --reason <text>  [--operator <id>]
  delete-account         --phone <+996…> | --account <id>  --reason <text>  [--operator <id>]
  request-verification   … --deadline <YYYY-MM-DD (end of day, Bishkek) | ISO date-time>
  resolve-verification   … --outcome <confirmed|mismatch>
  resolve-access-report  … --report <report id>
  run-job <${jobNames.join('|')}>  [--day YYYY-MM-DD, daily-report only]

Look-ups (each look at an account lands in its audit log and the applicant's activity):
  show-account           --phone <+996…> | --account <id>  --reason <text>  --operator <id>  [--unmasked]
  list-documents         --phone <+996…> | --account <id>  --reason <text>  --operator <id>
                         the documents of the current verification demand, with download links (minutes)
  list-reports --open    the open access reports, oldest first, with their age

In AWS: --stage <name> sends a command to the stage's operations bus (PutEvents) and invokes the operator
query function for a look-up (Lambda Invoke), with your AWS credentials; jobs run on their schedules there.

The data directory is PORTAL_DATA_DIR (default .data/); \`npm start\` may be running or not.
The operator id defaults to PORTAL_OPERATOR_ID, else your user name.`;

/** The stages `--stage` may name (lib/stage.ts), every one of them. */
const stages = { dev: true, prod: true } as const satisfies Record<StageName, true>;

/** Exit codes: 2 for arguments the CLI cannot use, 1 for a command that did not apply or failed. */
const exitCodes = { ok: 0, refused: 1, usage: 2 } as const;

class UsageError extends Error {}

const options = {
  phone: { type: 'string' },
  account: { type: 'string' },
  reason: { type: 'string' },
  operator: { type: 'string' },
  deadline: { type: 'string' },
  outcome: { type: 'string' },
  report: { type: 'string' },
  day: { type: 'string' },
  stage: { type: 'string' },
  unmasked: { type: 'boolean' },
  open: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = Partial<Record<Exclude<keyof typeof options, 'help' | 'unmasked' | 'open'>, string>>;

/** The flag each detail field comes from, to name it in messages. */
const flagOfField: Record<string, string> = {
  'detail.operatorId': '--operator',
  'detail.reason': '--reason',
  'detail.phone': '--phone',
  'detail.accountId': '--account',
  'detail.deadline': '--deadline',
  'detail.outcome': '--outcome',
  'detail.reportId': '--report',
};

const problemTexts: Record<string, string> = {
  invalid_type: 'is required',
  too_small: 'is too short',
  too_big: 'is too long',
  invalid_format: 'has the wrong format',
  invalid_value: 'is not one of the allowed values',
  invalid_union: 'must be a date (YYYY-MM-DD) or an ISO date-time with offset',
  target_required: 'name the account with exactly one of --phone and --account',
  phone_invalid: 'is not a phone number',
  phone_not_kyrgyz: 'must be a Kyrgyz mobile number (+996…)',
  phone_not_mobile: 'must be a Kyrgyz mobile number (+996…), not a fixed line',
};

const describeProblems = (fields: readonly FieldProblem[]): string =>
  fields.map(({ field, code }) => `${flagOfField[field] ?? field}: ${problemTexts[code] ?? code}`).join('\n');

/** What a refusal means, said so that the operator knows nothing changed. */
const refusalTexts: Record<string, string> = {
  account_not_found: 'No account has this phone number or id.',
  report_not_found: 'The account has no access report with this id.',
  account_deleted: 'The account is deleted.',
  account_already_blocked: 'The account is already blocked.',
  account_not_blocked: 'The account is not blocked.',
  no_verification_to_resolve: 'The account has no pending or overdue verification demand to resolve.',
  report_already_resolved: 'The access report is already resolved.',
};

/** A look shows and changes nothing when refused. */
const lookRefusalTexts: Record<string, string> = {
  account_not_found: 'No account has this phone number or id. Nothing was shown.',
};

const commandEvent = (name: CommandName, flags: Flags) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': name,
  source: operatorEventSource,
  account: 'local',
  time: new Date().toISOString(),
  region: 'local',
  resources: [],
  detail: {
    operatorId: flags.operator ?? process.env.PORTAL_OPERATOR_ID ?? userInfo().username,
    ...(flags.reason !== undefined && { reason: flags.reason }),
    ...(flags.phone !== undefined && { phone: flags.phone }),
    ...(flags.account !== undefined && { accountId: flags.account }),
    ...(flags.deadline !== undefined && { deadline: flags.deadline }),
    ...(flags.outcome !== undefined && { outcome: flags.outcome }),
    ...(flags.report !== undefined && { reportId: flags.report }),
  },
});

const sessionsEnded = (effect: CommandOutcome['effect']) =>
  `${effect?.sessionsEnded ?? 0} session(s) ended at once`;

const describeOutcome = (outcome: CommandOutcome): string => {
  const account = `account ${outcome.accountId}`;
  if (outcome.outcome === 'already_applied')
    return `Event ${outcome.eventId} was applied before; nothing changed.`;
  const { effect } = outcome;
  const said: Record<CommandName, string> = {
    BlockAccount: `Blocked ${account}; ${sessionsEnded(effect)}.`,
    UnblockAccount: `Unblocked ${account}.`,
    DeleteAccount: `Deleted ${account}; ${sessionsEnded(effect)}. Its personal data is erased by purge-deleted after ${effect?.purgeAfterDays} days.`,
    RequestVerification: `Demanded verification from ${account} by ${effect?.deadline}.`,
    ResolveVerification:
      effect?.verification === 'mismatch'
        ? `Resolved the verification of ${account}: mismatch; access is denied.`
        : `Resolved the verification of ${account}: confirmed.`,
    ResolveAccessReport: `Resolved access report ${effect?.reportId} of ${account}.`,
  };
  const notice = {
    sent: ' The applicant was sent a notice SMS.',
    not_sent: ' The notice SMS could not be sent (the command stands): tell the applicant another way.',
  }[String(effect?.notice)];
  return `${said[outcome.command]} (audit entry ${outcome.eventId})${notice ?? ''}`;
};

const describeJob = (job: JobName, reports: readonly JobReport[]): string => {
  const total = (key: 'pages' | 'examined' | 'changed') => reports.reduce((sum, r) => sum + r[key], 0);
  const last = reports.at(-1)!;
  const details = Object.entries(last.details ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return [
    `Job ${job} ${last.complete ? 'completed' : 'stopped with work left'}: ${reports.length} invocation(s), ` +
      `${total('pages')} page(s), ${total('examined')} item(s) examined, ${total('changed')} changed.`,
    ...(details ? [details] : []),
  ].join('\n');
};

type Action = { stage?: string } & (
  | { kind: 'command'; event: ReturnType<typeof commandEvent> }
  | { kind: 'query'; query: OperatorQuery }
  | { kind: 'job'; job: JobName; day?: string }
);

/** The look-ups by their command, each the query of the operator query function. */
const lookUps = {
  'show-account': 'ShowAccount',
  'list-documents': 'ListDocuments',
  'list-reports': 'ListReports',
} as const satisfies Record<string, OperatorQuery['query']>;

const isLookUp = (command: string): command is keyof typeof lookUps => Object.hasOwn(lookUps, command);

/** A look-up's input, validated as the query function will; `--operator` and `--reason` are required. */
const queryOf = (
  command: keyof typeof lookUps,
  values: Flags & { unmasked?: boolean; open?: boolean },
): OperatorQuery => {
  if (values.unmasked && command !== 'show-account')
    throw new UsageError('--unmasked is for show-account only.');
  const input =
    command === 'list-reports'
      ? { query: 'ListReports', detail: { status: values.open ? 'open' : undefined } }
      : {
          query: lookUps[command],
          detail: {
            ...(values.operator !== undefined && { operatorId: values.operator }),
            ...(values.reason !== undefined && { reason: values.reason }),
            ...(values.phone !== undefined && { phone: values.phone }),
            ...(values.account !== undefined && { accountId: values.account }),
            ...(values.unmasked && { unmasked: true }),
          },
        };
  try {
    return parseOperatorQuery(input);
  } catch (error) {
    if (command === 'list-reports') throw new UsageError('list-reports lists the open reports: add --open.');
    const fields = (error as { fields?: FieldProblem[] }).fields ?? [];
    throw new UsageError(describeProblems(fields));
  }
};

/** Reads the arguments, or throws UsageError saying what is wrong; validates a command's event as the handler will. */
const actionOf = (argv: string[]): Action | 'help' => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('Name a command.');
  const stage = values.stage;
  if (stage !== undefined && !Object.hasOwn(stages, stage))
    throw new UsageError(`--stage: one of ${Object.keys(stages).join(', ')}.`);
  const where = stage === undefined ? {} : { stage };
  if (isLookUp(command)) {
    if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`);
    return { kind: 'query', query: queryOf(command, values), ...where };
  }
  if (command === 'run-job') {
    if (stage !== undefined)
      throw new UsageError('run-job runs here only; in AWS the schedules run the jobs.');
    const [job, ...extra] = rest;
    if (job === undefined || !isJobName(job))
      throw new UsageError(`run-job needs one of: ${jobNames.join(', ')}.`);
    if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra[0]}`);
    if (values.day !== undefined && job !== 'daily-report')
      throw new UsageError('--day is for daily-report only.');
    if (!jobInputSchema.safeParse({ day: values.day }).success)
      throw new UsageError('--day: a date as YYYY-MM-DD.');
    return { kind: 'job', job, ...(values.day !== undefined && { day: values.day }) };
  }
  const name = commandNamed(command);
  if (name === undefined)
    throw new UsageError(
      `Unknown command "${command}": use one of ${commandNames.map(cliNameOf).join(', ')}, run-job.`,
    );
  if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`);
  if (values.day !== undefined) throw new UsageError('--day is for run-job daily-report only.');
  const event = commandEvent(name, values);
  try {
    parseOperatorEvent(event, new Date());
  } catch (error) {
    const fields = (error as { fields?: FieldProblem[] }).fields;
    throw new UsageError(fields ? describeProblems(fields) : (error as Error).message);
  }
  return { kind: 'command', event, ...where };
};

/** In AWS (`--stage`): the command goes to the operations bus, a look-up to the operator query function. */
const runRemote = async (action: Action & { stage: string }): Promise<number> => {
  const { RemoteOperations } = await import('../lib/admin/remote');
  const { stageSettings } = await import('../lib/stage');
  const remote = new RemoteOperations(stageSettings(action.stage));
  if (action.kind === 'command') {
    const id = await remote.sendCommand(action.event);
    console.log(
      `Sent ${action.event['detail-type']} to the operations bus of ${action.stage} as event ${id}: the commands ` +
        'function applies it once; a refused command goes to its dead-letter queue, whose alarm tells operators.',
    );
    return exitCodes.ok;
  }
  if (action.kind === 'query') return printAnswer(action.query, await remote.ask(action.query), true);
  throw new UsageError('run-job runs here only.');
};

/** Prints a look-up's answer; `links`: whether its download links lead anywhere (list-documents). */
const printAnswer = async (query: OperatorQuery, answer: unknown, links: boolean): Promise<number> => {
  const { describeDocuments, describeLook, describeReports } = await import('../lib/admin/look-ups');
  const described = {
    ShowAccount: () => describeLook(answer as never),
    ListDocuments: () => describeDocuments(answer as never, links),
    ListReports: () => describeReports(answer as never),
  }[query.query];
  console.log(described());
  return exitCodes.ok;
};

const reachesDocuments = (action: Action): boolean =>
  (action.kind === 'query' && action.query.query === 'ListDocuments') ||
  (action.kind === 'command' && action.event['detail-type'] === 'ResolveVerification');

const run = async (action: Action): Promise<number> => {
  process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL ?? 'ERROR';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (action.stage !== undefined) return runRemote({ ...action, stage: action.stage });
  const { configuredDataDir, localFunctionEnv, openLocalStore } = await import('../lib/local/store');
  const store = await openLocalStore(configuredDataDir());
  try {
    Object.assign(process.env, localFunctionEnv(store));
    console.log(
      `Data: ${store.dataDir} (${store.owned ? 'DynamoDB Local started for this command' : `the running portal's DynamoDB Local`})`,
    );
    // 2.3, 2.4: the documents server of the running `npm start`, when there is one, for what reaches documents
    // (download links, a resolved demand's retention); set before a function reads its configuration.
    const documentsEndpoint = reachesDocuments(action)
      ? await (await import('../lib/local/documents-server')).findRunningDocumentsServer(store.dataDir)
      : undefined;
    if (documentsEndpoint !== undefined) process.env.PORTAL_S3_ENDPOINT = documentsEndpoint;
    if (action.kind === 'command') {
      const { handler } = await import('../functions/operators/commands');
      const outcome = await handler(action.event);
      console.log(describeOutcome(outcome));
      const demands = await import('../lib/local/demand-resolved');
      if (demands.resolvesDemand(outcome))
        console.log(
          await demands.retireResolvedDemand(action.event, outcome, documentsEndpoint !== undefined),
        );
      return exitCodes.ok;
    }
    if (action.kind === 'query') {
      const { handler } = await import('../functions/operators/queries');
      return printAnswer(action.query, await handler(action.query), documentsEndpoint !== undefined);
    }
    const { jobHandlers } = await import('../functions/operators/jobs');
    const reports: JobReport[] = [];
    do reports.push(await jobHandlers[action.job]({ ...(action.day && { day: action.day }) }));
    while (reports.at(-1)!.continueNow && reports.length < 10_000);
    console.log(describeJob(action.job, reports));
    return reports.at(-1)!.complete ? exitCodes.ok : exitCodes.refused;
  } finally {
    await store.stop();
  }
};

const main = async (): Promise<number> => {
  let action: Action | 'help';
  try {
    action = actionOf(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    return exitCodes.usage;
  }
  if (action === 'help') {
    console.log(usage);
    return exitCodes.ok;
  }
  try {
    return await run(action);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const fields = (error as { fields?: FieldProblem[] }).fields;
    if (action.kind === 'query' && typeof code === 'string' && code in lookRefusalTexts)
      console.error(lookRefusalTexts[code]);
    else if (typeof code === 'string' && code in refusalTexts)
      console.error(`${refusalTexts[code]} Nothing was changed.`);
    else if (fields) console.error(describeProblems(fields));
    else console.error(`The command failed: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.refused;
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : 'The command failed.');
    process.exit(exitCodes.refused);
  },
);
