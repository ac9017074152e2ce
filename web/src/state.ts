import { apiClient } from './api';
import type { Agreement, DocumentItem } from './api-types';
import { languages, type Language } from './texts';

/** The page's views: one document, one view shown at a time (the `data-view` sections of index.html). */
export type View = 'login' | 'register' | 'report' | 'consent' | 'cabinet';

/** Everything the page remembers between one event and the next. */
interface PageState {
  /** The language of every word on the page, kept on this device for the next visit. */
  language: Language;
  /** The session's bearer token: it lives as long as the tab (closing it forgets the session on this device). */
  token: string | undefined;
  /** The view on screen. */
  view: View;
  /** Registration: the consent given at step 1, sent with the applicant's details at step 2. */
  consentId: string | undefined;
  /** The password reset (2.7): the request its SMS code belongs to, from step 1 until the new password is set. */
  resetRequestId: string | undefined;
  /** Reporting without logging in (2.7): the request its SMS code belongs to, from step 1 until the report. */
  reportRequestId: string | undefined;
  /** The cabinet's activity list: where its next page starts, while there is one. */
  activityCursor: string | undefined;
  /** The agreement on screen, which consent is given to: none until it is there (again after another language). */
  agreement: Agreement | undefined;
  /** The latest agreement request: an earlier one answering late (another language) is ignored. */
  agreementRequest: number;
  /** Whether a Web eID extension answers: asked once per page load. */
  idCardDetection: Promise<boolean> | undefined;
  /**
   * 2.3: while a verification demand is pending, when it was made, the documents sent for it, those this page sent
   * whose malware scan it still awaits, and whether the list is being read again for them.
   */
  demandDocuments:
    { requestedAt: string; items: DocumentItem[]; awaited: Set<string>; watching: boolean } | undefined;
}

const storedLanguage = localStorage.getItem('language');

export const page: PageState = {
  language: languages.includes(storedLanguage as Language) ? (storedLanguage as Language) : 'ky',
  token: sessionStorage.getItem('token') ?? undefined,
  view: 'login',
  consentId: undefined,
  resetRequestId: undefined,
  reportRequestId: undefined,
  activityCursor: undefined,
  agreement: undefined,
  agreementRequest: 0,
  idCardDetection: undefined,
  demandDocuments: undefined,
};

/** The portal's API, asked with the page's session and in the page's language. */
export const api = apiClient({ token: () => page.token, language: () => page.language });
