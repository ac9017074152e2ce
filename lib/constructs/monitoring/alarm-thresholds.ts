/** Thresholds of the alarms; each alarm notifies the operators' topic when it fires and when it clears. */
export const alarmThresholds = {
  /** Per cent of requests answered 5xx, over at least `minRequests` requests in 5 minutes. */
  serverErrorPercent: 1,
  minRequests: 20,
  /** p99 latency of the whole API, milliseconds (a login hashes for ~0.3 s; a cold start reads the keys secret). */
  latencyP99Ms: 3_000,
  /** SMS the portal failed to hand to SNS in 5 minutes (2.5: applicants are left without a password). */
  smsFailures: 5,
  /** SMS that SNS took but could not deliver in 5 minutes (carrier refused, phone unreachable), in 2 of 3 periods. */
  smsDeliveryFailures: 10,
  /** Share of the monthly SMS spend limit spent. */
  smsSpendShare: 0.8,
  /** Throttled invocations of any one function in 5 minutes (reserved concurrency reached). */
  throttles: 1,
  /** Requests refused by the stage's throttling in 5 minutes. */
  stageThrottled: 50,
  /** Requests to guarded routes refused by the WAF rate rule in 5 minutes: someone is guessing or spamming. */
  guardedRateLimited: 50,
  /** Messages in a dead-letter queue: an operator command or schedule that failed for good. */
  deadLetters: 1,
} as const;
