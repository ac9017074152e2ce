import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { onceUntilFailure } from './once';

/**
 * Powertools Tracer (X-Ray), on top of the functions' active tracing: a subsegment for each AWS SDK call and one
 * for the handler, annotated with the cold start and the service. It is loaded with the dependencies on the first
 * invocation (lazyHandler), which keeps the X-Ray SDK (about 130 KiB) off the cold start's init path. Outside
 * Lambda (tests, `npm start`) the Tracer turns itself off.
 *
 * Responses and errors are never recorded (POWERTOOLS_TRACER_CAPTURE_RESPONSE/ERROR=false in the CDK app, and
 * `captureResponse: false` where the handler is traced): answers hold personal data and tokens (Security rules).
 */
export const loadTracer = onceUntilFailure(async (): Promise<Tracer> => {
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  return new Tracer();
});

/** Gives back an AWS SDK v3 client whose calls are traced (operation, table, latency, retries; no item values). */
export type TraceClient = <Client extends object>(client: Client) => Client;

/** The function that traces the clients that dependencies are built with. */
export const clientTracing = async (): Promise<TraceClient> => {
  const tracer = await loadTracer();
  return (client) => tracer.captureAWSv3Client(client);
};

/** `handler` in a traced subsegment of its invocation (`## index.handler`), with the ColdStart annotation. */
export const tracedHandler = async <Handler extends (event: never, context: Context) => Promise<unknown>>(
  handler: Handler,
): Promise<Handler> =>
  middy(handler).use(
    captureLambdaHandler(await loadTracer(), { captureResponse: false }),
  ) as unknown as Handler;
