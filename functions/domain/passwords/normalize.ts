/**
 * The form of a password that is checked and hashed: Unicode NFKC, as NIST SP 800-63B advises, so that the
 * same password typed on two devices (`й` precomposed or as `и` + breve, full-width digits) is the same
 * password.
 */
export const normalizePassword = (password: string): string => password.normalize('NFKC');
