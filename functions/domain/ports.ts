/** The few things the domain needs from the world, injected so that rules stay pure and testable. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique, unguessable identifier. */
  newId(): string;
}

export const systemClock: Clock = { now: () => new Date() };
