import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { lowerCaseHeaders } from '../request';

/**
 * CORS for the configured origins only (`PORTAL_ALLOWED_ORIGINS`, from the CDK context `allowedOrigins`): an answer
 * to a listed origin names it; any other origin gets no CORS header, so browsers keep the answer from its page.
 */
export const cors = (
  allowedOrigins: readonly string[],
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const allow: middy.MiddlewareFn<APIGatewayProxyEvent, APIGatewayProxyResult> = async (request) => {
    const origin = lowerCaseHeaders(request.event.headers).origin;
    if (!request.response || origin === undefined || !allowedOrigins.includes(origin)) return;
    request.response.headers = {
      ...request.response.headers,
      'access-control-allow-origin': origin,
      'access-control-expose-headers': 'x-request-id, retry-after',
      vary: 'Origin',
    };
  };
  return { after: allow, onError: allow };
};
