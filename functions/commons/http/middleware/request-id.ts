import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Every response carries `x-request-id`: API Gateway's request id, so logs and answers line up. */
export const requestId = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const stamp: middy.MiddlewareFn<APIGatewayProxyEvent, APIGatewayProxyResult> = async (request) => {
    if (!request.response) return;
    request.response.headers = {
      ...request.response.headers,
      'x-request-id': request.event.requestContext.requestId,
    };
  };
  return { after: stamp, onError: stamp };
};
