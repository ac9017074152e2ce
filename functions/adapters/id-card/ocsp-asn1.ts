/**
 * The OCSP messages of RFC 6960 (§4.1.1 request, §4.2.1 response) that the checker needs, declared with
 * `@peculiar/asn1-schema` the way `@peculiar/asn1-ocsp` declares them (that package is not installed here; with it,
 * this file goes away). The module is EXPLICIT TAGS: a context tag is explicit unless marked implicit.
 */
import '../../domain/id-card/x509';
import {
  AsnIntegerArrayBufferConverter,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  OctetString,
} from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Extension, Name } from '@peculiar/asn1-x509';

export const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
export const ID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
export const ID_SHA1 = '1.3.14.3.2.26';

export enum OcspResponseStatus {
  successful = 0,
  malformedRequest = 1,
  internalError = 2,
  tryLater = 3,
  sigRequired = 5,
  unauthorized = 6,
}

/** CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash OCTET STRING, issuerKeyHash OCTET STRING, serialNumber } */
export class CertId {
  @AsnProp({ type: AlgorithmIdentifier })
  public hashAlgorithm = new AlgorithmIdentifier();

  @AsnProp({ type: OctetString })
  public issuerNameHash = new OctetString();

  @AsnProp({ type: OctetString })
  public issuerKeyHash = new OctetString();

  @AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })
  public serialNumber = new ArrayBuffer(0);

  constructor(params: Partial<CertId> = {}) {
    Object.assign(this, params);
  }
}

/** Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL } */
export class OcspSingleRequest {
  @AsnProp({ type: CertId })
  public reqCert = new CertId();

  @AsnProp({ type: Extension, context: 0, repeated: 'sequence', optional: true })
  public singleRequestExtensions?: Extension[];

  constructor(params: Partial<OcspSingleRequest> = {}) {
    Object.assign(this, params);
  }
}

/** TBSRequest ::= SEQUENCE { version [0] DEFAULT v1, requestorName [1] OPTIONAL, requestList, requestExtensions [2] OPTIONAL } */
export class TbsRequest {
  @AsnProp({ type: AsnPropTypes.Integer, context: 0, defaultValue: 0 })
  public version = 0;

  @AsnProp({ type: OcspSingleRequest, repeated: 'sequence' })
  public requestList: OcspSingleRequest[] = [];

  @AsnProp({ type: Extension, context: 2, repeated: 'sequence', optional: true })
  public requestExtensions?: Extension[];

  constructor(params: Partial<TbsRequest> = {}) {
    Object.assign(this, params);
  }
}

/** OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0] OPTIONAL } (never signed here) */
export class OcspRequest {
  @AsnProp({ type: TbsRequest })
  public tbsRequest = new TbsRequest();

  constructor(params: Partial<OcspRequest> = {}) {
    Object.assign(this, params);
  }
}

/** RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL } */
export class RevokedInfo {
  @AsnProp({ type: AsnPropTypes.GeneralizedTime })
  public revocationTime = new Date();

  @AsnProp({ type: AsnPropTypes.Enumerated, context: 0, optional: true })
  public revocationReason?: number;

  constructor(params: Partial<RevokedInfo> = {}) {
    Object.assign(this, params);
  }
}

/** CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL } */
@AsnType({ type: AsnTypeTypes.Choice })
export class CertStatus {
  @AsnProp({ type: AsnPropTypes.Null, context: 0, implicit: true })
  public good?: null;

  @AsnProp({ type: RevokedInfo, context: 1, implicit: true })
  public revoked?: RevokedInfo;

  @AsnProp({ type: AsnPropTypes.Null, context: 2, implicit: true })
  public unknown?: null;

  constructor(params: Partial<CertStatus> = {}) {
    Object.assign(this, params);
  }
}

/** SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, nextUpdate [0] OPTIONAL, singleExtensions [1] OPTIONAL } */
export class SingleResponse {
  @AsnProp({ type: CertId })
  public certID = new CertId();

  @AsnProp({ type: CertStatus })
  public certStatus = new CertStatus();

  @AsnProp({ type: AsnPropTypes.GeneralizedTime })
  public thisUpdate = new Date();

  @AsnProp({ type: AsnPropTypes.GeneralizedTime, context: 0, optional: true })
  public nextUpdate?: Date;

  @AsnProp({ type: Extension, context: 1, repeated: 'sequence', optional: true })
  public singleExtensions?: Extension[];

  constructor(params: Partial<SingleResponse> = {}) {
    Object.assign(this, params);
  }
}

/** ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash } — KeyHash: SHA-1 of the responder's key bits. */
@AsnType({ type: AsnTypeTypes.Choice })
export class ResponderId {
  @AsnProp({ type: Name, context: 1 })
  public byName?: Name;

  @AsnProp({ type: OctetString, context: 2 })
  public byKey?: OctetString;

  constructor(params: Partial<ResponderId> = {}) {
    Object.assign(this, params);
  }
}

/** ResponseData ::= SEQUENCE { version [0] DEFAULT v1, responderID, producedAt, responses, responseExtensions [1] OPTIONAL } */
export class ResponseData {
  @AsnProp({ type: AsnPropTypes.Integer, context: 0, defaultValue: 0 })
  public version = 0;

  @AsnProp({ type: ResponderId })
  public responderID = new ResponderId();

  @AsnProp({ type: AsnPropTypes.GeneralizedTime })
  public producedAt = new Date();

  @AsnProp({ type: SingleResponse, repeated: 'sequence' })
  public responses: SingleResponse[] = [];

  @AsnProp({ type: Extension, context: 1, repeated: 'sequence', optional: true })
  public responseExtensions?: Extension[];

  constructor(params: Partial<ResponseData> = {}) {
    Object.assign(this, params);
  }
}

/** BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature BIT STRING, certs [0] OPTIONAL } */
export class BasicOcspResponse {
  // The signature covers these bytes exactly as received, so the parser keeps them (tbsResponseDataRaw).
  @AsnProp({ type: ResponseData, raw: true })
  public tbsResponseData = new ResponseData();

  public tbsResponseDataRaw?: ArrayBuffer;

  @AsnProp({ type: AlgorithmIdentifier })
  public signatureAlgorithm = new AlgorithmIdentifier();

  @AsnProp({ type: AsnPropTypes.BitString })
  public signature = new ArrayBuffer(0);

  @AsnProp({ type: Certificate, context: 0, repeated: 'sequence', optional: true })
  public certs?: Certificate[];

  constructor(params: Partial<BasicOcspResponse> = {}) {
    Object.assign(this, params);
  }
}

/** ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING } */
export class ResponseBytes {
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier })
  public responseType = '';

  @AsnProp({ type: OctetString })
  public response = new OctetString();

  constructor(params: Partial<ResponseBytes> = {}) {
    Object.assign(this, params);
  }
}

/** OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL } */
export class OcspResponse {
  @AsnProp({ type: AsnPropTypes.Enumerated })
  public responseStatus = OcspResponseStatus.successful;

  @AsnProp({ type: ResponseBytes, context: 0, optional: true })
  public responseBytes?: ResponseBytes;

  constructor(params: Partial<OcspResponse> = {}) {
    Object.assign(this, params);
  }
}
