import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isStoreUnavailable } from '../../../adapters/dynamodb/unavailable';
import { DomainError } from '../../../domain/errors';
import { negotiateLanguage } from '../../i18n';
import { log } from '../../log';
import { errorKind, logEvents } from '../../log-events';
import { localizeFieldProblems } from '../field-errors';
import { problemResponse } from '../problem';
import { isProblemCode } from '../../../../contract/problems';
import { lowerCaseHeaders } from '../request';

/** Seconds a client should wait when the store is down or throttling. */
export const storeRetryAfterSeconds = 5;

/**
 * The one place errors become answers: a domain error becomes its localized problem; an unavailable store 503
 * with Retry-After; anything else a 500 that says nothing of its cause. Handlers never format errors themselves.
 */
export const problemResponses = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    if (request.response !== undefined) return;
    const { error, event } = request;
    const language = negotiateLanguage(lowerCaseHeaders(event.headers)['accept-language']);
    const requestId = event.requestContext.requestId;
    if (error instanceof DomainError && isProblemCode(error.code) && error.code !== 'service_unavailable') {
      request.response = problemResponse(error.code, language, {
        errors: error.fields && localizeFieldProblems(error.fields, language),
        retryAfterSeconds: error.retryAfterSeconds,
      });
      return;
    }
    if ((error instanceof DomainError && error.code === 'service_unavailable') || isStoreUnavailable(error)) {
      log.warn(logEvents.storeUnavailable, { requestId, ...errorKind(error) });
      request.response = problemResponse('service_unavailable', language, {
        retryAfterSeconds:
          (error instanceof DomainError && error.retryAfterSeconds) || storeRetryAfterSeconds,
      });
      return;
    }
    log.error(logEvents.requestFailed, { requestId, resource: event.resource, ...errorKind(error) });
    request.response = problemResponse('internal_error', language);
  },
});
