/**
 * The outcome of a rule that can refuse its input: the normalized value, or the reason it was refused.
 *
 * Rules return this instead of throwing, so that a handler can report every field problem of a request at
 * once.
 */
export type Result<T, E> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** @returns an accepted outcome carrying `value` */
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

/** @returns a refused outcome carrying `error` */
export const refused = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** @returns `result` with `transform` applied to an accepted value; a refusal passes through unchanged */
export const mapResult = <T, U, E>(result: Result<T, E>, transform: (value: T) => U): Result<U, E> =>
  result.ok ? ok(transform(result.value)) : result;
