import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../domain/ports';

export const randomIds: IdGenerator = { newId: () => randomUUID() };
