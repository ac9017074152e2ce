import type { Authenticated, VerificationDemand } from '../accounts/account';
import { auditEntry, type AccountDependencies } from '../accounts/dependencies';
import type { RequestOrigin } from '../audit';
import { DomainError } from '../errors';

/**
 * 2.3: while an operator's verification demand is pending, the applicant sends supporting documents through the
 * cabinet. The file goes straight to storage by a presigned upload whose policy holds its type and size; a
 * document counts as received only once the malware scan found it clean.
 */
export const documentContentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentContentType = (typeof documentContentTypes)[number];

export const documentLimits = {
  /** The largest file taken, in bytes (5 MiB). */
  maxBytes: 5 * 1024 * 1024,
  /** Documents one demand takes, whatever became of them. */
  perDemand: 5,
  /** How long a presigned upload stays usable. */
  uploadSeconds: 15 * 60,
  /** How long an operator's download link stays usable. */
  downloadSeconds: 5 * 60,
  /** 2.4: documents are deleted this long after their demand is resolved (a bucket lifecycle rule). */
  retentionDaysAfterResolution: 90,
} as const;

export type DocumentStatus = 'awaiting_upload' | 'received' | 'rejected';

export interface VerificationDocument {
  readonly documentId: string;
  readonly accountId: string;
  /** The demand it answers: the demand's `requestedAt`, which tells one demand of an account from the next. */
  readonly demandRequestedAt: string;
  /** As the applicant named it; shown back, never used in a key or a URL. */
  readonly fileName: string;
  readonly contentType: DocumentContentType;
  readonly size: number;
  readonly status: DocumentStatus;
  readonly createdAt: string;
  readonly scannedAt?: string;
}

/** Every document's object key starts with it: the malware scan and the lifecycle cover this prefix. */
export const documentsPrefix = 'documents/';

/** Where documents are kept: the object key is the server's choice, opaque ids only (2.4). */
export const documentObjectKey = (accountId: string, documentId: string): string =>
  `${documentsPrefix}${accountId}/${documentId}`;

export const documentOfObjectKey = (
  objectKey: string,
): { accountId: string; documentId: string } | undefined => {
  const match = /^documents\/([A-Za-z0-9-]+)\/([A-Za-z0-9-]+)$/.exec(objectKey);
  return match ? { accountId: match[1]!, documentId: match[2]! } : undefined;
};

/** The documents' metadata. Adding is one transaction: the demand still pending, and fewer than `limit` so far. */
export interface DocumentStore {
  /** Throws NoVerificationPending when the demand is no longer pending, TooManyDocuments at the limit. */
  add(document: VerificationDocument, audit: ReturnType<typeof auditEntry>, limit: number): Promise<void>;
  list(accountId: string): Promise<VerificationDocument[]>;
  /** Records a scan's outcome; a rejected document stays rejected. False when there is no such document. */
  recordScan(
    accountId: string,
    documentId: string,
    status: Exclude<DocumentStatus, 'awaiting_upload'>,
    at: string,
  ): Promise<boolean>;
}

/** A browser form upload (S3 presigned POST): the form's fields, the file last. */
export interface DocumentUpload {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The documents' storage as the cabinet and the operators reach it: presigned uploads and downloads, never the
 * bytes through the API. Signing is computation only: it calls no service.
 */
export interface DocumentPresigner {
  presignUpload(input: {
    objectKey: string;
    contentType: DocumentContentType;
    size: number;
    expiresInSeconds: number;
  }): Promise<DocumentUpload>;
  presignDownload(objectKey: string, expiresInSeconds: number): Promise<string>;
}

/** The documents' storage once their demand is resolved. */
export interface DocumentRetirement {
  /**
   * Starts the object's retention period: the bucket deletes it `retentionDaysAfterResolution` days later. The
   * object keeps its content type. Nothing happens where there is no object (a document never uploaded).
   */
  retire(objectKey: string, contentType: DocumentContentType): Promise<void>;
}

export interface DocumentDependencies extends Pick<AccountDependencies, 'clock' | 'ids'> {
  readonly documents: DocumentStore;
  readonly presigner: DocumentPresigner;
}

/** What retiring a resolved demand's documents takes: their list, and the storage that starts their retention. */
export interface RetirementDependencies {
  readonly documents: Pick<DocumentStore, 'list'>;
  readonly retirement: DocumentRetirement;
}

export class NoVerificationPending extends DomainError {
  constructor(options: { cause?: unknown } = {}) {
    super('no_verification_pending', options);
  }
}

export class TooManyDocuments extends DomainError {
  constructor(options: { cause?: unknown } = {}) {
    super('too_many_documents', options);
  }
}

const pendingDemand = (demand: VerificationDemand | undefined): VerificationDemand => {
  if (demand?.status !== 'pending') throw new NoVerificationPending();
  return demand;
};

export interface DocumentRequest {
  readonly fileName: string;
  readonly contentType: DocumentContentType;
  readonly size: number;
}

export interface DocumentUploadAnswer {
  readonly documentId: string;
  readonly upload: DocumentUpload;
  readonly expiresAt: string;
}

/** 2.3: a place for one more document of the pending demand, and the presigned upload that fills it. */
export const requestDocumentUpload = async (
  deps: DocumentDependencies,
  auth: Authenticated,
  request: DocumentRequest,
  origin: RequestOrigin,
): Promise<DocumentUploadAnswer> => {
  const demand = pendingDemand(auth.account.verification);
  const now = deps.clock.now();
  const document: VerificationDocument = {
    documentId: deps.ids.newId(),
    accountId: auth.account.accountId,
    demandRequestedAt: demand.requestedAt,
    fileName: request.fileName,
    contentType: request.contentType,
    size: request.size,
    status: 'awaiting_upload',
    createdAt: now.toISOString(),
  };
  await deps.documents.add(
    document,
    auditEntry(deps, document.accountId, 'verification_document_added', origin, {
      sessionId: auth.sessionId,
      credentialIssuedAt: auth.session.createdAt,
      detail: document.documentId,
    }),
    documentLimits.perDemand,
  );
  const upload = await deps.presigner.presignUpload({
    objectKey: documentObjectKey(document.accountId, document.documentId),
    contentType: document.contentType,
    size: document.size,
    expiresInSeconds: documentLimits.uploadSeconds,
  });
  return {
    documentId: document.documentId,
    upload,
    expiresAt: new Date(now.getTime() + documentLimits.uploadSeconds * 1000).toISOString(),
  };
};

/** What the applicant and operators are shown of a document: no account, no demand, no scan time. */
const listedFields = ['documentId', 'fileName', 'contentType', 'size', 'status', 'createdAt'] as const;

export type DocumentListItem = Pick<VerificationDocument, (typeof listedFields)[number]>;

/** The order documents are shown in everywhere (cabinet, export, operators): oldest first. */
export const oldestDocumentFirst = (
  a: Pick<VerificationDocument, 'createdAt' | 'documentId'>,
  b: Pick<VerificationDocument, 'createdAt' | 'documentId'>,
): number => a.createdAt.localeCompare(b.createdAt) || a.documentId.localeCompare(b.documentId);

export const documentListItem = (document: VerificationDocument): DocumentListItem =>
  Object.fromEntries(listedFields.map((field) => [field, document[field]])) as DocumentListItem;

/** Every document held on an account, oldest first: the cabinet's list. */
export const accountDocuments = async (
  deps: Pick<DocumentDependencies, 'documents'>,
  accountId: string,
): Promise<DocumentListItem[]> =>
  [...(await deps.documents.list(accountId))].sort(oldestDocumentFirst).map(documentListItem);

/** What the malware scan of an uploaded object found (GuardDuty Malware Protection for S3, or the local scan). */
export interface ScanResult {
  readonly objectKey: string;
  /** `NO_THREATS_FOUND` only counts as clean: threats, unsupported files and failed scans are refused. */
  readonly clean: boolean;
}

/** 2.3: a document is received only once scanned clean, rejected otherwise. Unknown objects change nothing. */
export const recordScanResult = async (
  deps: Pick<DocumentDependencies, 'documents' | 'clock'>,
  result: ScanResult,
): Promise<DocumentStatus | undefined> => {
  const document = documentOfObjectKey(result.objectKey);
  if (!document) return undefined;
  const status = result.clean ? 'received' : 'rejected';
  const recorded = await deps.documents.recordScan(
    document.accountId,
    document.documentId,
    status,
    deps.clock.now().toISOString(),
  );
  return recorded ? status : undefined;
};

/**
 * 2.3, 2.4: once an operator resolved a demand (named by its `requestedAt`), its documents are kept for the
 * retention period only: each object starts it now, and the bucket's lifecycle deletes it when it ends. The
 * documents of the account's earlier demands are left alone: their periods began when those demands were resolved,
 * and starting them again would keep them longer than needed.
 * @returns how many documents started their retention period
 */
export const retireDocuments = async (
  deps: RetirementDependencies,
  demand: { accountId: string; demandRequestedAt: string },
): Promise<number> => {
  const documents = (await deps.documents.list(demand.accountId)).filter(
    (document) => document.demandRequestedAt === demand.demandRequestedAt,
  );
  for (const document of documents)
    await deps.retirement.retire(
      documentObjectKey(document.accountId, document.documentId),
      document.contentType,
    );
  return documents.length;
};
