import { defaultMemoryMb, passwordHashingMemoryMb } from '../lib/constructs/portal-function';
import { findRoute, routeGroups, type RouteGroup } from '../contract/routes';
import { smsSegments } from '../functions/domain/sms-segments';
import { needsOf } from '../lib/route-permissions';
import type { RouteResult } from './latency';
import { fixedMonthly, prices, pricesDate, pricesRegion } from './prices';
import { round } from './stats';

/**
 * What 1,000 monthly active applicants do in a month (assumptions, stated in the README): how often each route is
 * called per active applicant. An active applicant logs in about five times a month (four by password, one by ID
 * card), looks at the cabinet two or three times per visit and presses Exit every other time; a few register,
 * reset a password, change a phone or passport number, or report unauthorized access.
 */
export const callsPerMau: Readonly<Record<string, number>> = {
  'GET /v1/agreement': 0.1,
  'POST /v1/consents': 0.05,
  'POST /v1/registrations': 0.05,
  'POST /v1/sessions': 4,
  'POST /v1/id-card/challenges': 1,
  'POST /v1/id-card/sessions': 1,
  'GET /v1/me': 12,
  'GET /v1/me/activity': 1,
  'GET /v1/me/sessions': 0.5,
  'DELETE /v1/sessions/current': 2.5,
  'DELETE /v1/sessions': 0.05,
  'PATCH /v1/me': 0.02,
  'PUT /v1/me/password': 0.05,
  'POST /v1/me/consents': 0.02,
  'POST /v1/password-resets': 0.1,
  'POST /v1/password-resets/confirm': 0.1,
  'POST /v1/me/phone-changes': 0.01,
  'POST /v1/me/phone-changes/confirm': 0.01,
  'POST /v1/me/access-reports': 0.002,
  'POST /v1/access-reports': 0.001,
  'POST /v1/access-reports/confirm': 0.001,
  // Issue 19: reading the Privacy Policy, ending a session one does not recognise, exporting, closing.
  'GET /v1/privacy-policy': 0.05,
  'DELETE /v1/sessions/{sessionId}': 0.02,
  'POST /v1/me/exports': 0.01,
  'POST /v1/me/closure': 0.001,
};

/** Cold starts per active applicant and month: at this traffic most visits find no warm instance of the group. */
export const coldStartsPerMau = 8;
/** START, END and REPORT lines Lambda writes for every invocation (with tracing on), in bytes. */
export const platformLogBytesPerInvocation = 400;
/** Lambda gives a function CPU in proportion to its memory: one full vCPU at 1,769 MB. */
const fullCpuMemoryMb = 1769;

/** The memory a route group's function gets: as PortalFunction sizes it (lib/constructs/portal-function.ts). */
export const memoryOfGroup = (group: RouteGroup): number =>
  needsOf(group).hashesPasswords ? passwordHashingMemoryMb : defaultMemoryMb;

const groupOf = (route: string): RouteGroup => {
  const [method, path] = route.split(' ') as [string, string];
  const found = findRoute(method, path);
  if (!found) throw new Error(`the route table has no ${route}`);
  return found.group;
};

export interface CostModel {
  readonly date: string;
  readonly region: string;
  /** Memory of each route group's function, MB. */
  readonly memoryMb: Readonly<Record<string, number>>;
  readonly requestsPerMau: number;
  readonly smsPerMau: number;
  /** Segments each SMS is charged as, on average over the texts sent (1 while every text fits one). */
  readonly smsSegmentsPerMessage: number;
  /** Per 1,000 MAU a month, USD. */
  readonly portalUsd: number;
  /** The same with the KDF at the CPU share Lambda gives each function's memory (scrypt is CPU-bound). */
  readonly portalUsdKdfAtLambdaCpu: number;
  readonly cognitoUsd: number;
  readonly cognitoLiteUsd: number;
  readonly smsUsd: number;
  readonly breakdownUsd: Readonly<Record<string, number>>;
  readonly fixedUsdPerMonth: number;
  readonly unmeasuredRoutes: readonly string[];
}

/**
 * The monthly AWS cost per 1,000 monthly active applicants, from what the bench measured: DynamoDB capacity units
 * per call (ReturnConsumedCapacity), Lambda GB-seconds at the configured memory from the measured durations (with
 * the real KDF's time for routes that hash a password), log bytes, and SMS per call; priced with prices.ts.
 */
export const costModel = (input: {
  routes: readonly RouteResult[];
  kdfP50Ms: number;
  initMsByGroup: ReadonlyMap<string, number>;
  smsSegmentsPerMessage: number;
}): CostModel => {
  const byRoute = new Map(input.routes.map((r) => [r.route, r]));
  const perMillion = (price: number, count: number) => (price * count) / 1e6;
  const totals = { api: 0, waf: 0, xray: 0, lambda: 0, lambdaKdfCpu: 0, dynamo: 0, logs: 0, sms: 0 };
  let requests = 0;
  let sms = 0;
  const unmeasuredRoutes: string[] = [];
  for (const [route, calls] of Object.entries(callsPerMau)) {
    const measured = byRoute.get(route);
    if (!measured || !Number.isFinite(measured.p50Ms)) {
      unmeasuredRoutes.push(route);
      continue;
    }
    requests += calls;
    const memoryMb = memoryOfGroup(groupOf(route));
    const kdfMs = measured.kdfPerCall * input.kdfP50Ms;
    const cpuShare = Math.min(1, memoryMb / fullCpuMemoryMb);
    const gbSeconds = (ms: number) => (memoryMb / 1024) * (Math.ceil(ms) / 1000);
    const lambdaPerCall = (ms: number) =>
      perMillion(prices.lambdaRequestsPerMillion, 1) + gbSeconds(ms) * prices.lambdaArmPerGbSecond;
    totals.api += calls * perMillion(prices.apiGatewayRestPerMillion, 1);
    totals.waf += calls * perMillion(prices.wafRequestsPerMillion, 1);
    totals.xray += calls * perMillion(prices.xrayTracesPerMillion, 1);
    totals.lambda += calls * lambdaPerCall(measured.p50Ms + kdfMs);
    totals.lambdaKdfCpu += calls * lambdaPerCall(measured.p50Ms + kdfMs / cpuShare);
    totals.dynamo +=
      calls *
      (perMillion(prices.dynamoReadRequestUnitsPerMillion, measured.readUnitsPerCall) +
        perMillion(prices.dynamoWriteRequestUnitsPerMillion, measured.writeUnitsPerCall));
    totals.logs +=
      calls *
      (((measured.logBytesPerCall + platformLogBytesPerInvocation) / 2 ** 30) * prices.logsIngestionPerGb);
    sms += calls * measured.smsSentPerCall;
  }
  // Cold starts spread over the route groups alike; Lambda bills the INIT phase at the function's memory.
  const initGbSeconds = routeGroups.map(
    (group) => (memoryOfGroup(group) / 1024) * (Math.ceil(input.initMsByGroup.get(group) ?? 0) / 1000),
  );
  const coldStarts =
    coldStartsPerMau *
    (initGbSeconds.reduce((a, b) => a + b, 0) / initGbSeconds.length) *
    prices.lambdaArmPerGbSecond;
  totals.lambda += coldStarts;
  totals.lambdaKdfCpu += coldStarts;
  totals.sms = sms * input.smsSegmentsPerMessage * prices.smsPerSegmentKg;
  const perThousand = (usd: number) => round(usd * 1000, 2);
  const shared = totals.api + totals.waf + totals.xray + totals.dynamo + totals.logs;
  return {
    date: pricesDate,
    region: pricesRegion,
    memoryMb: Object.fromEntries(routeGroups.map((group) => [group, memoryOfGroup(group)])),
    requestsPerMau: round(requests, 2),
    smsPerMau: round(sms, 3),
    smsSegmentsPerMessage: input.smsSegmentsPerMessage,
    portalUsd: perThousand(shared + totals.lambda),
    portalUsdKdfAtLambdaCpu: perThousand(shared + totals.lambdaKdfCpu),
    cognitoUsd: round(1000 * prices.cognitoEssentialsPerMau, 2),
    cognitoLiteUsd: round(1000 * prices.cognitoLitePerMau, 2),
    smsUsd: perThousand(totals.sms),
    breakdownUsd: {
      apiGateway: perThousand(totals.api),
      waf: perThousand(totals.waf),
      xray: perThousand(totals.xray),
      lambda: perThousand(totals.lambda),
      dynamodb: perThousand(totals.dynamo),
      logs: perThousand(totals.logs),
    },
    fixedUsdPerMonth: round(
      Object.values(fixedMonthly).reduce((a, b) => a + b, 0),
      2,
    ),
    unmeasuredRoutes,
  };
};

/**
 * Segments per SMS, as charged (sms-segments.ts), averaged over the texts the bench's phones received: a text of
 * two segments costs two SMS.
 */
export const smsSegmentsPerMessage = (texts: readonly string[]): number =>
  texts.length === 0 ? 1 : round(texts.reduce((sum, text) => sum + smsSegments(text), 0) / texts.length, 3);
