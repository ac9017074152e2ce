/**
 * A stored password hash that is not a PHC string this module wrote, or asks for scrypt parameters beyond the
 * limits (a corrupted or planted record). Its message never includes the hash.
 */
export class MalformedPasswordHash extends Error {
  override readonly name = 'MalformedPasswordHash';

  constructor(options?: ErrorOptions) {
    super('The stored password hash is not a valid scrypt PHC string', options);
  }
}
