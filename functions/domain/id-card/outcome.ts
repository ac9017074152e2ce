/**
 * Why an ID-card login was refused. Each is logged as it is (none carries personal data); the HTTP layer answers
 * `401 invalid_id_card` for all of them except `revocation_unavailable`, which is `503` (the card may be fine, the
 * revocation service could not say).
 */
export const ID_CARD_FAILURE_REASONS = [
  'malformed_token',
  'unsupported_token_format',
  'unsupported_algorithm',
  'malformed_certificate',
  'untrusted_chain',
  'certificate_expired',
  'certificate_not_yet_valid',
  'missing_digital_signature',
  'missing_client_auth',
  'algorithm_key_mismatch',
  'bad_signature',
  'no_pin_in_certificate',
  'revoked',
  'revocation_unavailable',
] as const;

export type IdCardFailureReason = (typeof ID_CARD_FAILURE_REASONS)[number];

export interface IdCardVerified {
  readonly ok: true;
  /** The applicant's personal identification number, 14 digits, from the certificate subject's serialNumber. */
  readonly pin: string;
  /** The certificate serial number, lower-case hex (for the audit log; not personal data). */
  readonly certificateSerial: string;
  readonly notAfter: Date;
}

export interface IdCardRefused {
  readonly ok: false;
  readonly reason: IdCardFailureReason;
  /**
   * Only when the card proved genuine (trusted chain, valid signature, a PIN) and was refused for revocation
   * (`revoked`, `revocation_unavailable`): whose card it was, for that account's audit log (2.6). Never for the
   * response or the application log.
   */
  readonly holder?: { readonly pin: string; readonly certificateSerial: string };
}

export type IdCardVerification = IdCardVerified | IdCardRefused;

export const refused = (reason: IdCardFailureReason): IdCardRefused => ({ ok: false, reason });
