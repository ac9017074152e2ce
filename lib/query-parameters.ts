import * as z from 'zod';

/**
 * A route's query string as API Gateway method request parameters (`method.request.querystring.<name>` → required),
 * read from the route's zod schema as its JSON Schema states the input side, as the OpenAPI document (contract/openapi.ts)
 * reads it: a parameter is required where the schema gives it neither `.optional()` nor `.default()`. With a request
 * validator that validates parameters, API Gateway refuses a request that lacks a required one before any function
 * runs; the handler still validates every value (formats, ranges, unknown names).
 */
export const querystringParameters = (query: z.core.$ZodType): Record<string, boolean> => {
  const schema = objectSchema(query);
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.keys(schema.properties).map((name) => [`method.request.querystring.${name}`, required.has(name)]),
  );
};

/** A route's `{name}` path segments as method request parameters: each is always required. */
export const pathParameters = (params: z.core.$ZodType): Record<string, boolean> =>
  Object.fromEntries(
    Object.keys(objectSchema(params).properties).map((name) => [`method.request.path.${name}`, true]),
  );

/** Both kinds of a route's method request parameters, for `addMethod`. */
export const methodRequestParameters = (route: {
  readonly query?: z.core.$ZodType;
  readonly params?: z.core.$ZodType;
}): Record<string, boolean> => ({
  ...(route.query && querystringParameters(route.query)),
  ...(route.params && pathParameters(route.params)),
});

const objectSchema = (of: z.core.$ZodType) => {
  const schema = z.toJSONSchema(of, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
    type?: unknown;
    properties?: Record<string, unknown>;
    required?: readonly string[];
  };
  if (schema.type !== 'object' || schema.properties === undefined)
    throw new Error('A query or path schema is an object of named parameters');
  return { properties: schema.properties, required: schema.required };
};
