import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../domain/ports';

export const randomIds: IdGenerator = { newId: () => randomUUID() };

/** The format of `randomIds`: a version 4 UUID as node:crypto writes it (lower-case hex, RFC 9562 variant). */
const randomIdFormat = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True when `text` is, whole, an id in the format `randomIds` gives. */
export const isRandomId = (text: string): boolean => randomIdFormat.test(text);
