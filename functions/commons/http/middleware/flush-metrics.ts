import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Business metrics counted during an invocation are written (EMF) once it ends, whatever its outcome. */
export const flushMetrics = (metrics: {
  flush(): void;
}): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const flush = async () => metrics.flush();
  return { after: flush, onError: flush };
};
