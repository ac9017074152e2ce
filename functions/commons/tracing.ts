import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * Powertools Tracer (X-Ray), on top of the functions' active tracing: a subsegment for each AWS SDK call and one
 * for the handler, annotated with the cold start and the service. Made when the module loads, in Lambda's init
 * phase: every invocation needs it, so loading the X-Ray SDK later would make no cold-started request faster.
 * Outside Lambda (tests, `npm start`) the Tracer turns itself off.
 *
 * Responses and errors are never recorded (POWERTOOLS_TRACER_CAPTURE_RESPONSE=false in the CDK app, and
 * `captureResponse: false` below): answers hold personal data and tokens (Security rules).
 */
export const tracer = new Tracer();

/** An AWS SDK v3 client whose calls are traced (operation, table, latency, retries; never item values). */
export const traced = <Client extends object>(client: Client): Client => tracer.captureAWSv3Client(client);

/** `handler` in a traced subsegment of its invocation (`## index.handler`), with the ColdStart annotation. */
export const tracedHandler = <Handler extends (event: never, context: Context) => Promise<unknown>>(
  handler: Handler,
): Handler =>
  middy(handler).use(captureLambdaHandler(tracer, { captureResponse: false })) as unknown as Handler;
