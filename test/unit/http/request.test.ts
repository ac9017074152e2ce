import { z } from 'zod';
import { readConfig } from '../../../functions/commons/config';
import { localizeFieldProblems } from '../../../functions/commons/http/field-errors';
import { parseRequest } from '../../../functions/commons/http/request';
import { viewerIp } from '../../../contract/viewer-ip';
import { matchPath, routesMatching } from '../../../contract/routes';
import { sessionPathSchema } from '../../../contract/schemas/sessions';
import { DomainError } from '../../../functions/domain/errors';
import { apiEvent } from '../../support/events';

const route = { body: z.strictObject({ name: z.string().max(5), accepted: z.literal(true) }) };

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('Request parsing', () => {
  it('gives the operation the validated body, language, source and user agent', () => {
    const event = apiEvent('POST', '/v1/consents', {
      body: { name: 'Aida', accepted: true },
      headers: { 'Accept-Language': 'en' },
    });
    const request = parseRequest(route, event);
    expect(request).toMatchObject({
      body: { name: 'Aida', accepted: true },
      language: 'en',
      sourceIp: '203.0.113.7',
      userAgent: 'jest',
    });
  });

  it('refuses a body over 8 KiB, the edge’s limit in AWS, with payload_too_large', () => {
    const event = apiEvent('POST', '/v1/consents', { rawBody: JSON.stringify({ name: 'x'.repeat(8_200) }) });
    expect(refusal(() => parseRequest(route, event)).code).toBe('payload_too_large');
  });

  it('refuses a body that is not application/json with unsupported_media_type', () => {
    const event = apiEvent('POST', '/v1/consents', {
      body: { accepted: true },
      headers: { 'content-type': 'text/plain' },
    });
    expect(refusal(() => parseRequest(route, event)).code).toBe('unsupported_media_type');
  });

  it('accepts application/json with a charset', () => {
    const event = apiEvent('POST', '/v1/consents', {
      body: { name: 'a', accepted: true },
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(parseRequest(route, event).body).toEqual({ name: 'a', accepted: true });
  });

  it.each(['{', 'nul', '{"a":1}{'])('refuses malformed JSON %p with malformed_json', (rawBody) => {
    expect(refusal(() => parseRequest(route, apiEvent('POST', '/v1/consents', { rawBody }))).code).toBe(
      'malformed_json',
    );
  });

  it('lets the route schema judge a request without a body: a required body is validation_failed', () => {
    const error = refusal(() => parseRequest(route, apiEvent('POST', '/v1/consents', { rawBody: '' })));
    expect(error.code).toBe('validation_failed');
  });

  it('refuses invalid UTF-8 as malformed_json', () => {
    const event = {
      ...apiEvent('POST', '/v1/consents'),
      body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'),
      isBase64Encoded: true,
    };
    expect(refusal(() => parseRequest(route, event)).code).toBe('malformed_json');
  });

  it('names each field problem: missing, wrong value, too long, unknown field', () => {
    const event = apiEvent('POST', '/v1/consents', { body: { name: 'toolong', extra: true } });
    const error = refusal(() => parseRequest(route, event));
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'too_big' },
        { field: 'accepted', code: 'required' },
        { field: 'extra', code: 'unrecognized_key' },
      ]),
    );
  });

  it('treats a __proto__ key as an unknown field, not as a prototype', () => {
    const event = apiEvent('POST', '/v1/consents', {
      rawBody: '{"name":"a","accepted":true,"__proto__":{"admin":true}}',
    });
    expect(refusal(() => parseRequest(route, event)).fields).toEqual([
      { field: '__proto__', code: 'unrecognized_key' },
    ]);
  });
});

describe('Routes with path parameters', () => {
  const sessionRoute = { params: sessionPathSchema };
  const sessionId = '4f0b3c2e-8d1a-4c5b-9e6f-7a8b9c0d1e2f';

  it('match literal segments before parameters, as API Gateway does: DELETE …/current is Exit', () => {
    const deletes = (path: string) =>
      routesMatching(path)
        .filter(({ route }) => route.method === 'DELETE')
        .map(({ route, params }) => [route.operation, params]);
    expect(deletes('/v1/sessions/current')[0]).toEqual(['exit', {}]);
    expect(deletes(`/v1/sessions/${sessionId}`)).toEqual([['endSession', { sessionId }]]);
  });

  it('match no parameter from an empty or undecodable segment', () => {
    expect(matchPath('/v1/sessions/{sessionId}', '/v1/sessions/')).toBeUndefined();
    expect(matchPath('/v1/sessions/{sessionId}', '/v1/sessions/%E0%A4%A')).toBeUndefined();
    expect(matchPath('/v1/sessions/{sessionId}', '/v1/sessions/a%2Fb')).toEqual({ sessionId: 'a/b' });
  });

  it('give the operation the validated parameters', () => {
    expect(parseRequest(sessionRoute, apiEvent('DELETE', `/v1/sessions/${sessionId}`)).params).toEqual({
      sessionId,
    });
  });

  it.each(['not-a-session', `${sessionId}x`, '../me'])(
    'answer not_found for a parameter that names nothing (%p), never validation_failed with its value',
    (value) => {
      const event = {
        ...apiEvent('DELETE', `/v1/sessions/${sessionId}`),
        pathParameters: { sessionId: value },
      };
      expect(refusal(() => parseRequest(sessionRoute, event)).code).toBe('not_found');
    },
  );
});

describe('The applicant’s IP behind CloudFront (lib/viewer-ip.ts)', () => {
  const trusted = { trustedViewerIpHeader: viewerIp.header };
  const withViewerIp = (value: string) =>
    apiEvent('POST', '/v1/consents', {
      body: { name: 'a', accepted: true },
      headers: { 'X-Portal-Viewer-Ip': value },
    });

  it.each(['198.51.100.23', '2001:db8::17', ' 198.51.100.23 '])(
    'takes %p from the viewer-IP header when the header is configured as trusted',
    (value) => {
      expect(parseRequest(route, withViewerIp(value), trusted).sourceIp).toBe(value.trim());
    },
  );

  it.each(['', 'unknown', '198.51.100.23, 203.0.113.9', '198.51.100.256', '::ffff:zz', '203.0.113.9:443'])(
    'falls back to the source IP when the trusted header holds %p, which is not an IP address',
    (value) => {
      expect(parseRequest(route, withViewerIp(value), trusted).sourceIp).toBe('203.0.113.7');
    },
  );

  it('falls back to the source IP when the trusted header is absent', () => {
    const event = apiEvent('POST', '/v1/consents', { body: { name: 'a', accepted: true } });
    expect(parseRequest(route, event, trusted).sourceIp).toBe('203.0.113.7');
  });

  it('ignores a spoofed viewer-IP header when no header is configured (npm start, an API without CloudFront)', () => {
    expect(parseRequest(route, withViewerIp('198.51.100.23'), {}).sourceIp).toBe('203.0.113.7');
    // The default is the process configuration, where PORTAL_TRUSTED_VIEWER_IP_HEADER is unset.
    expect(process.env[viewerIp.envVar]).toBeUndefined();
    expect(parseRequest(route, withViewerIp('198.51.100.23')).sourceIp).toBe('203.0.113.7');
  });

  it('trusts only the configured header, not another proxy header', () => {
    const event = apiEvent('POST', '/v1/consents', {
      body: { name: 'a', accepted: true },
      headers: { 'X-Forwarded-For': '198.51.100.23' },
    });
    expect(parseRequest(route, event, trusted).sourceIp).toBe('203.0.113.7');
  });

  it('reads the trusted header from PORTAL_TRUSTED_VIEWER_IP_HEADER, a lower-case header name', () => {
    expect(readConfig({}).trustedViewerIpHeader).toBeUndefined();
    expect(readConfig({ [viewerIp.envVar]: viewerIp.header }).trustedViewerIpHeader).toBe(viewerIp.header);
    expect(() => readConfig({ [viewerIp.envVar]: 'X-Viewer: 1' })).toThrow();
  });
});

describe('Field messages', () => {
  it('explains identity rules in the asker language, not with a generic message', () => {
    const messages = localizeFieldProblems([{ field: 'phone', code: 'phone_not_mobile' }], 'ru');
    expect(messages[0]!.message).not.toBe('Недопустимое значение');
    expect(messages[0]!.message).toMatch(/[а-я]/);
  });

  it('explains why a chosen password is weak', () => {
    const [message] = localizeFieldProblems(
      [{ field: 'newPassword', code: 'weak_password_too_short' }],
      'en',
    );
    expect(message!.message).toMatch(/8/);
  });
});
