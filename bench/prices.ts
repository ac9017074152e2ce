/**
 * Published on-demand prices in eu-central-1 (Frankfurt), USD, as transcribed on {@link pricesDate} from the AWS
 * pricing pages named beside each. Prices change: check them before budgeting, and update this table (and its date)
 * rather than the code that uses it.
 */
export const pricesDate = '2026-11-25';
export const pricesRegion = 'eu-central-1';

export const prices = {
  /** aws.amazon.com/api-gateway/pricing — REST API, first 333 million requests a month. */
  apiGatewayRestPerMillion: 3.7,
  /** aws.amazon.com/lambda/pricing — requests, and duration on Arm (Graviton). */
  lambdaRequestsPerMillion: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  /** aws.amazon.com/dynamodb/pricing/on-demand — after the November 2024 reduction. */
  dynamoWriteRequestUnitsPerMillion: 0.7625,
  dynamoReadRequestUnitsPerMillion: 0.1525,
  /** aws.amazon.com/waf/pricing — per request inspected (the web ACL and its rules are monthly, see fixed). */
  wafRequestsPerMillion: 0.6,
  /** aws.amazon.com/xray/pricing — traces recorded (API Gateway and Lambda tracing are on). */
  xrayTracesPerMillion: 5,
  /** aws.amazon.com/cloudwatch/pricing — log ingestion (standard class). */
  logsIngestionPerGb: 0.63,
  /**
   * ASSUMED, not transcribed: the AWS End User Messaging SMS price of one transactional SMS to a Kyrgyz mobile was
   * not available when this table was made. Replace it with the published KG price; the bench also reports the
   * SMS count, so the cost can be recomputed. Charged per segment: a text of two segments is billed as two SMS.
   */
  smsPerSegmentKg: 0.2,
  /** aws.amazon.com/cognito/pricing — user pools, per MAU above the free tier (10,000 MAU for Lite and Essentials). */
  cognitoEssentialsPerMau: 0.015,
  cognitoLitePerMau: 0.0055,
} as const;

/** Monthly charges that do not grow with applicants (reported apart, not per 1,000 MAU). */
export const fixedMonthly = {
  /** AWS WAF: one web ACL and its 4 rules (edge-firewall.ts: two AWS managed rule groups, two rate rules). */
  wafWebAcl: 5,
  wafRules: 4,
  /** AWS KMS: the customer-managed data key. */
  kmsKey: 1,
  /** Secrets Manager: the secret the HMAC and encryption keys derive from. */
  secret: 0.4,
} as const;
