import type { Cabinet, DocumentItem, DocumentList, DocumentUploadIntent } from '../api-types';
import { $, element } from '../dom';
import { documentRefusal, documentRules, documentsOfDemand, fileSize } from '../documents';
import { flagField, showError } from '../form-errors';
import { dateTime, t } from '../i18n';
import { api, page } from '../state';
import { onSubmit, submitting } from '../submit';
import { loadActivity } from './cabinet-activity';

/**
 * 2.3: while an operator's verification demand is pending, the applicant sends supporting documents from the
 * cabinet. The page announces each file to the API, which answers with an S3 presigned POST, and posts the file
 * straight to storage; a document is received only once the malware scan found it clean, so the page reads the
 * list again until the documents it sent are decided.
 */

const statusKey = {
  awaiting_upload: 'documentAwaitingUpload',
  received: 'documentReceived',
  rejected: 'documentRejected',
} as const;

/** The card's own status line (a live region): what became of the file just sent. */
const say = (text: string): void => {
  $('#documents-status').textContent = text;
};

const renderList = (items: readonly DocumentItem[]): void => {
  const rows = items.map((item) => {
    const row = element('tr');
    row.append(
      element('td', item.fileName),
      element('td', fileSize(page.language, item.size)),
      element('td', t(statusKey[item.status])),
      element('td', dateTime(item.createdAt)),
    );
    return row;
  });
  if (rows.length === 0) {
    const none = element('td', t('documentsNone'));
    none.colSpan = 4;
    const row = element('tr');
    row.append(none);
    rows.push(row);
  }
  $('#documents').replaceChildren(...rows);
};

/** Reads the pending demand's documents into the card; those of earlier demands are not this demand's. */
const loadDocuments = async (): Promise<void> => {
  const demand = page.demandDocuments;
  if (!demand) return;
  const answer = await api<DocumentList>('GET', '/v1/me/verification-documents');
  // A session lost meanwhile is the cabinet's to tell (its next request): the list simply stays as it was.
  if (!answer.ok) return;
  demand.items = documentsOfDemand(answer.body.items, demand.requestedAt);
  renderList(demand.items);
};

/** The card when a demand is pending, none otherwise (nothing to send documents for). */
export const renderDocuments = async (verification: Cabinet['verification']): Promise<void> => {
  const card = $('#documents-card');
  if (verification?.status !== 'pending') {
    card.hidden = true;
    page.demandDocuments = undefined;
    return;
  }
  $('#documents-intro').textContent = t('documentsIntro', { deadline: dateTime(verification.deadline) });
  $('#document-file-hint').textContent = t('documentFileHint', {
    size: fileSize(page.language, documentRules.maxBytes),
    count: String(documentRules.perDemand),
  });
  if (page.demandDocuments?.requestedAt !== verification.requestedAt)
    page.demandDocuments = {
      requestedAt: verification.requestedAt,
      items: [],
      awaited: new Set(),
      watching: false,
    };
  card.hidden = false;
  await loadDocuments();
};

/** Posts the file to storage as a browser form would: the presigned fields first, the file last (S3 requires it). */
const postFile = async (upload: DocumentUploadIntent['upload'], file: File): Promise<boolean> => {
  const body = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) body.append(name, value);
  body.append('file', file);
  try {
    const response = await fetch(upload.url, {
      method: 'POST',
      body,
      credentials: 'omit',
      cache: 'no-store',
    });
    return response.ok;
  } catch {
    return false;
  }
};

/** The longest wait between two readings of the list while a scan is awaited. */
const longestWaitMs = 30_000;

/**
 * Reads the list again, waiting longer each time, until every document this page sent is decided, and says each
 * outcome in the card's status line. Stops when the cabinet is left or the demand is no longer the one watched.
 */
const watchScans = async (): Promise<void> => {
  const demand = page.demandDocuments;
  if (!demand || demand.watching) return;
  demand.watching = true;
  try {
    for (let waitMs = 1000; demand.awaited.size > 0; waitMs = Math.min(waitMs * 2, longestWaitMs)) {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      if (page.view !== 'cabinet' || page.demandDocuments !== demand) return;
      await loadDocuments();
      for (const item of demand.items) {
        if (item.status === 'awaiting_upload' || !demand.awaited.delete(item.documentId)) continue;
        say(t('documentDecided', { name: item.fileName, status: t(statusKey[item.status]) }));
      }
    }
  } finally {
    demand.watching = false;
  }
};

/** Refuses the file in the form, the file field pointed out to choose another. */
const refuse = (form: HTMLFormElement, input: HTMLInputElement, message: string): void => {
  say('');
  showError(form, message);
  flagField(input);
};

export const wireDocuments = (): void => {
  onSubmit('#document-form', (form) => {
    const input = $<HTMLInputElement>('#document-file', form);
    const file = input.files?.[0];
    if (!file) return refuse(form, input, t('documentChooseFile'));
    const refusal = documentRefusal(page.language, file, page.demandDocuments?.items.length ?? 0);
    if (refusal) return refuse(form, input, refusal);
    say(t('documentSending', { name: file.name }));
    return submitting(
      form,
      () =>
        api<DocumentUploadIntent>('POST', '/v1/me/verification-documents', {
          fileName: file.name,
          contentType: file.type,
          size: file.size,
        }),
      async (intent) => {
        // Listed at once, awaiting its upload: a large file on a slow line takes a while to arrive.
        await loadDocuments();
        const sent = await postFile(intent.upload, file);
        await loadDocuments();
        if (!sent) return refuse(form, input, t('documentUploadFailed'));
        form.reset();
        page.demandDocuments?.awaited.add(intent.documentId);
        say(t('documentSent', { name: file.name }));
        void watchScans();
        // The document's announcement is in the activity (verification_document_added).
        await loadActivity(false);
      },
      (problem) => {
        say('');
        if (problem.code === 'validation_failed' || problem.code === 'too_many_documents') flagField(input);
      },
    );
  });
};
