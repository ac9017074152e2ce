import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate, Name, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { x509 } from '../../../../functions/domain/id-card';
import { crypto } from '../../../../functions/domain/id-card/x509';
import { nonceExtension, nonceFrom } from '../../../../functions/adapters/id-card';
import {
  BasicOcspResponse,
  CertStatus,
  ID_PKIX_OCSP_BASIC,
  OcspRequest,
  OcspResponse,
  OcspResponseStatus,
  ResponderId,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
} from '../../../../functions/adapters/id-card/ocsp-asn1';
import { caSigner, type KeyHolder } from '../../../../lib/local/virtual-card/keys';

export interface OcspAnswer {
  readonly status: 'good' | 'revoked' | 'unknown';
  /** Who signs: the issuing CA by default, or a delegated responder. */
  readonly signer: KeyHolder;
  /** Certificates sent along (a delegated responder's own certificate). */
  readonly certs?: readonly x509.X509Certificate[];
  /** `echo` (default) repeats the request nonce, `omit` leaves it out, a buffer sends that instead. */
  readonly nonce?: 'echo' | 'omit' | Uint8Array;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly responderIdBy?: 'name' | 'key';
  /** Overrides the serial number answered for (to answer about some other certificate). */
  readonly serialNumber?: ArrayBuffer;
}

const responderId = async (signer: KeyHolder, by: 'name' | 'key'): Promise<ResponderId> => {
  if (by === 'name')
    return new ResponderId({
      byName: AsnConvert.parse(signer.certificate.subjectName.toArrayBuffer(), Name),
    });
  const key = AsnConvert.parse(signer.certificate.publicKey.rawData, SubjectPublicKeyInfo);
  return new ResponderId({
    byKey: new OctetString(await crypto.subtle.digest('SHA-1', key.subjectPublicKey)),
  });
};

const certStatus = (status: OcspAnswer['status'], at: Date): CertStatus => {
  switch (status) {
    case 'good':
      return new CertStatus({ good: null });
    case 'revoked':
      return new CertStatus({ revoked: new RevokedInfo({ revocationTime: at }) });
    case 'unknown':
      return new CertStatus({ unknown: null });
  }
};

/** A signed DER OCSPResponse answering the (first) request in `requestDer`, as a CA's responder would. */
export const buildOcspResponse = async (
  requestDer: ArrayBuffer,
  answer: OcspAnswer,
): Promise<ArrayBuffer> => {
  const request = AsnConvert.parse(requestDer, OcspRequest);
  const certID = request.tbsRequest.requestList[0].reqCert;
  if (answer.serialNumber !== undefined) certID.serialNumber = answer.serialNumber;
  const requestNonce = nonceFrom(request.tbsRequest.requestExtensions);
  const nonce = answer.nonce ?? 'echo';
  const nonceBytes = nonce === 'omit' ? undefined : nonce === 'echo' ? requestNonce : nonce;
  const tbs = new ResponseData({
    responderID: await responderId(answer.signer, answer.responderIdBy ?? 'key'),
    producedAt: answer.thisUpdate,
    responses: [
      new SingleResponse({
        certID,
        certStatus: certStatus(answer.status, answer.thisUpdate),
        thisUpdate: answer.thisUpdate,
        nextUpdate: answer.nextUpdate,
      }),
    ],
    responseExtensions: nonceBytes === undefined ? undefined : [nonceExtension(nonceBytes)],
  });
  const tbsDer = AsnConvert.serialize(tbs);
  const { signingKey, signingAlgorithm } = await caSigner(answer.signer);
  const webSignature = await crypto.subtle.sign(signingAlgorithm, signingKey, tbsDer);
  const keyAlgorithm = { ...answer.signer.certificate.publicKey.algorithm, ...signingAlgorithm };
  const signature =
    signingAlgorithm.name === 'ECDSA'
      ? new x509.AsnEcSignatureFormatter().toAsnSignature(keyAlgorithm, webSignature)
      : webSignature;
  if (signature === null) throw new Error('cannot encode the ECDSA signature');
  const basic = new BasicOcspResponse({
    tbsResponseData: tbs,
    signatureAlgorithm: new x509.AlgorithmProvider().toAsnAlgorithm(signingAlgorithm),
    signature,
    certs: answer.certs?.map((certificate) => AsnConvert.parse(certificate.rawData, Certificate)),
  });
  return AsnConvert.serialize(
    new OcspResponse({
      responseStatus: OcspResponseStatus.successful,
      responseBytes: new ResponseBytes({
        responseType: ID_PKIX_OCSP_BASIC,
        response: new OctetString(AsnConvert.serialize(basic)),
      }),
    }),
  );
};

export const ocspErrorResponse = (status: OcspResponseStatus): ArrayBuffer =>
  AsnConvert.serialize(new OcspResponse({ responseStatus: status }));

export interface LocalResponder {
  readonly url: string;
  /** DER bodies of the requests received, in order. */
  readonly requests: ArrayBuffer[];
  close(): Promise<void>;
}

export type ResponderBehaviour = (
  requestDer: ArrayBuffer,
) => Promise<{ status: number; body?: ArrayBuffer } | 'hang'>;

/** A tiny OCSP responder over HTTP on 127.0.0.1 only, answering each POST with what `behaviour` says. */
export const startLocalResponder = async (behaviour: ResponderBehaviour): Promise<LocalResponder> => {
  const requests: ArrayBuffer[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const der = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
      requests.push(der);
      void behaviour(der).then((answer) => {
        if (answer === 'hang') {
          hanging.add(() => response.destroy());
          return;
        }
        response.writeHead(answer.status, { 'content-type': 'application/ocsp-response' });
        response.end(answer.body === undefined ? undefined : Buffer.from(answer.body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ocsp`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        hanging.forEach((release) => release());
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
