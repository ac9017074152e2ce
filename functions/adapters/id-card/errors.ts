/** The ID-card trust configuration (`PORTAL_ID_CARD_CA`) cannot be used: a start-up fault, never a login outcome. */
export class IdCardTrustConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdCardTrustConfigError';
  }
}

/** The CRL file (`PORTAL_ID_CARD_CRL`) cannot be read or parsed right now; logins answer 503 until it can. */
export class CrlUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CrlUnavailableError';
  }
}
