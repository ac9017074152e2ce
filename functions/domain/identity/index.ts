/**
 * Identity data of applicants (2.2, 2.4, 2.5): the rules that phone numbers, PINs, organizations' tax numbers
 * and passport numbers must follow, their normalized forms, their masks for display, and the zod schemas and
 * messages built on them. Pure: no clock, no I/O.
 */
export * from './calendar-date';
export * from './codes';
export * from './inn';
export * from './masking';
export * from './messages';
export * from './passport';
export * from './phone';
export * from './pin';
export * from './result';
export * from './schemas';
