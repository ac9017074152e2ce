/**
 * Secrets of applicant accounts (2.5, 2.7, Security rules): generated and chosen passwords, their storage
 * with scrypt, SMS codes and session tokens. Pure apart from node:crypto; randomness is injectable.
 */
export * from './common-passwords';
export * from './errors';
export * from './generated-password';
export * from './kdf';
export * from './messages';
export * from './normalize';
export * from './phc';
export * from './policy';
export * from './random';
export * from './session-token';
export * from './sms-code';
