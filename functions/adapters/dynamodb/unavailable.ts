/** Errors that mean "DynamoDB cannot answer now" rather than "the request is wrong": throttling, faults, no link. */
const throttlingNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

const isUnavailableError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const { code, $metadata } = error as { code?: string; $metadata?: { httpStatusCode?: number } };
  if (throttlingNames.has(error.name) || (code !== undefined && networkCodes.has(code))) return true;
  // An SDK error without an HTTP status never reached DynamoDB: the network or the endpoint is down.
  if ($metadata !== undefined && ($metadata.httpStatusCode === undefined || $metadata.httpStatusCode >= 500))
    return true;
  // TransactionCanceled for throttling or conflicts of concurrent transactions is worth a retry, not a 500.
  if (error.name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded');
  }
  return false;
};

/** True when the error, or any error in its `cause` chain, means the store is unavailable. */
export const isStoreUnavailable = (error: unknown): boolean => {
  for (let current = error, depth = 0; current !== undefined && depth < 8; depth += 1) {
    if (isUnavailableError(current)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
};
