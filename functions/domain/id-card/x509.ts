/**
 * The one place that loads `@peculiar/x509`: it needs `reflect-metadata` before it loads and a WebCrypto provider,
 * so every id-card module imports the library from here rather than directly.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** Node's WebCrypto: the provider of `@peculiar/x509` and of every signature check in the id-card code. */
export const crypto = webcrypto;

x509.cryptoProvider.set(crypto);

export { x509 };
