import * as z from 'zod/mini';

/**
 * 2.1: the Web eID authentication token signed by the card. Its fields are checked by the ID-card verifier, so
 * that every defect of a token is the same 401 invalid_id_card.
 */
export const idCardLoginSchema = z.strictObject({
  challengeId: z.string().check(z.minLength(1), z.maxLength(64)),
  authToken: z.record(z.string(), z.unknown()),
});
