import * as z from 'zod';
import { methodRequestParameters, querystringParameters } from '../../lib/query-parameters';

describe('Query strings as API Gateway method request parameters (lib/query-parameters.ts)', () => {
  it('requires a parameter the schema requires, not one that is optional or has a default', () => {
    const query = z.strictObject({
      reportId: z.string().min(1),
      limit: z.coerce.number().int().default(20),
      cursor: z.string().optional(),
    });
    expect(querystringParameters(query)).toEqual({
      'method.request.querystring.reportId': true,
      'method.request.querystring.limit': false,
      'method.request.querystring.cursor': false,
    });
  });

  it('refuses a query schema that is not an object of named parameters', () => {
    expect(() => querystringParameters(z.string())).toThrow(/object of named parameters/);
  });

  it('requires every path parameter, beside the query string', () => {
    expect(
      methodRequestParameters({
        params: z.strictObject({ sessionId: z.uuid() }),
        query: z.strictObject({ limit: z.coerce.number().optional() }),
      }),
    ).toEqual({ 'method.request.path.sessionId': true, 'method.request.querystring.limit': false });
  });
});
