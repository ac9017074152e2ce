/** The part of s3rver (a development dependency without types of its own) that `npm start` uses. */
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string; configs: (string | Buffer)[] }[];
  }

  /** An S3 event notification, as S3 sends one: one record per object. */
  interface S3rverEvent {
    readonly Records: {
      readonly eventName: string;
      readonly s3: { readonly object: { readonly key: string } };
    }[];
  }

  class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
  }
  export = S3rver;
}
