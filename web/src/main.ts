import { apiClient, Unreachable, type Answer, type Problem } from './api';
import { actionNames, languages, type Language, type TextKey } from './texts';
import { translate, tryAgainIn } from './retry';
import { webEidAuthenticate, webEidAvailable } from './web-eid';

/** The applicants' page: one document, views shown one at a time, every word in the chosen language. */

type View = 'login' | 'register' | 'report' | 'consent' | 'cabinet';

interface Agreement {
  version: string;
  title: string;
  text: string;
  effectiveFrom: string;
}

interface Session {
  token: string;
  consentRequired: boolean;
}

const storedLanguage = localStorage.getItem('language');
let language: Language = languages.includes(storedLanguage as Language) ? (storedLanguage as Language) : 'ky';
// The token lives as long as the tab: closing it forgets the session on this device (Exit ends it on the server).
let token: string | undefined = sessionStorage.getItem('token') ?? undefined;
let view: View = 'login';
let consentId: string | undefined;
let activityCursor: string | undefined;

const api = apiClient({ token: () => token, language: () => language });

const t = (key: TextKey, values: Record<string, string> = {}): string => translate(language, key, values);

const $ = <E extends HTMLElement = HTMLElement>(selector: string, root: ParentNode = document): E => {
  const element = root.querySelector<E>(selector);
  if (!element) throw new Error(`missing ${selector}`);
  return element;
};

const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] => {
  const created = document.createElement(tag);
  if (text !== undefined) created.textContent = text;
  if (className) created.className = className;
  return created;
};

// Browsers often lack Kyrgyz date names: Kyrgyz and Russian use the numeric form read in Kyrgyzstan (25.11.2026, 14:05).
const dateTime = (iso: string): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    year: 'numeric',
    month: language === 'en' ? 'short' : '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Bishkek',
  }).format(new Date(iso));

/** 2.6: the report's window, from a datetime-local field (the browser's own time zone) to an ISO instant. */
const reportDetails = (form: HTMLFormElement): { description?: string; suspectedSince?: string } => {
  const { description, suspectedSince } = values(form);
  return {
    ...(description && { description }),
    ...(suspectedSince && { suspectedSince: new Date(suspectedSince).toISOString() }),
  };
};

const applyTexts = (): void => {
  document.documentElement.lang = language;
  document.title = t('portal');
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]'))
    node.textContent = t(node.dataset.t as TextKey);
  ($('#language') as HTMLSelectElement).value = language;
};

const notice = (text: string): void => {
  $('#notice').textContent = text;
};

const setToken = (value: string | undefined): void => {
  token = value;
  if (value) sessionStorage.setItem('token', value);
  else sessionStorage.removeItem('token');
  $('#exit').hidden = value === undefined;
};

/** Shows one view and moves focus to its heading, so keyboard and screen-reader users start at its top. */
const show = (next: View, focus = true): void => {
  view = next;
  for (const section of document.querySelectorAll<HTMLElement>('[data-view]'))
    section.hidden = section.dataset.view !== next;
  if (focus) $(`[data-view="${next}"] h1`).focus();
};

// Form errors: the problem's localized title in the form's alert region, each field's message beside the field.

const clearErrors = (form: HTMLElement): void => {
  $('.form-error', form).replaceChildren();
  for (const message of form.querySelectorAll('.field-error')) message.remove();
  for (const field of form.querySelectorAll('[aria-invalid]')) {
    field.removeAttribute('aria-invalid');
    const describedBy = (field.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (describedBy.length) field.setAttribute('aria-describedby', describedBy.join(' '));
    else field.removeAttribute('aria-describedby');
  }
};

const showError = (form: HTMLElement, title: string, fieldErrors: Problem['errors'] = []): void => {
  clearErrors(form);
  const region = $('.form-error', form);
  let first: HTMLElement | undefined;
  for (const error of fieldErrors) {
    const field = form.querySelector<HTMLElement>(`[name="${CSS.escape(error.field)}"]`);
    // Problems of fields the form does not show (consentId) are in the summary list only.
    if (!field || field.hasAttribute('disabled')) continue;
    const id = `${field.id}-error`;
    if (!document.getElementById(id)) {
      const message = element('p', error.message, 'field-error');
      message.id = id;
      (field.closest('.field') ?? field.parentElement!).append(message);
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute(
        'aria-describedby',
        [field.getAttribute('aria-describedby'), id].filter(Boolean).join(' '),
      );
    }
    first ??= field;
  }
  const summary = element('p', title);
  region.replaceChildren(summary);
  if (fieldErrors.length) {
    const list = element('ul');
    for (const error of fieldErrors) {
      // Each message names its field by the field's own label, so the summary stands on its own.
      const field = form.querySelector<HTMLElement>(`[name="${CSS.escape(error.field)}"]`);
      const label = field?.id ? form.querySelector(`label[for="${field.id}"]`)?.textContent : undefined;
      list.append(element('li', label ? `${label}: ${error.message}` : error.message));
    }
    region.append(list);
  }
  first?.focus();
};

const values = (form: HTMLFormElement): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string') continue;
    // A password is sent as typed: spaces at its ends are part of it, as the API takes them.
    const input = form.elements.namedItem(name);
    result[name] = input instanceof HTMLInputElement && input.type === 'password' ? value : value.trim();
  }
  return result;
};

/**
 * When the portal asks to come back (Retry-After): "in 5 min". The page's own words, not Intl.RelativeTimeFormat:
 * browsers without Kyrgyz locale data would answer in English.
 */
/**
 * Runs a form's request with its button disabled (no double submission) and shows any problem in the form.
 * A 401 on a session route means the session is gone: back to the login. A consent_required goes to consent.
 */
const submitting = async <T>(
  form: HTMLElement,
  request: () => Promise<Answer<T>>,
  onSuccess: (body: T) => void | Promise<void>,
): Promise<void> => {
  const buttons = form.querySelectorAll<HTMLButtonElement>('button');
  for (const button of buttons) button.disabled = true;
  clearErrors(form);
  try {
    const answer = await request();
    if (answer.ok) await onSuccess(answer.body);
    else if (answer.problem.code === 'unauthenticated' && token) sessionLost();
    else if (answer.problem.code === 'consent_required') await showConsent();
    else if (answer.retryAfterSeconds !== undefined)
      showError(form, `${answer.problem.title}. ${tryAgainIn(language, answer.retryAfterSeconds)}`);
    else showError(form, answer.problem.title, answer.problem.errors);
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    showError(form, t('networkError'));
  } finally {
    for (const button of buttons) button.disabled = false;
  }
};

/**
 * The session is over on this device: its token forgotten, and nothing of the cabinet left in the page for the
 * next person at this computer (the data shown, the lists, anything typed into a form).
 */
const forgetSession = (): void => {
  setToken(undefined);
  for (const form of document.querySelectorAll('form')) form.reset();
  for (const shown of ['#my-data', '#sessions', '#activity']) $(shown).replaceChildren();
  showLogin();
};

const sessionLost = (): void => {
  forgetSession();
  notice(t('sessionEnded'));
};

// Agreement (preamble): read it, then consent.

let agreement: Agreement | undefined;
/** The latest agreement request: an earlier one answering late (another language) is ignored. */
let agreementRequest = 0;

const loadAgreement = async (container: HTMLElement): Promise<void> => {
  // Consent is given to the text on screen: none until it is there (again when another language is chosen).
  agreement = undefined;
  const request = ++agreementRequest;
  let answer: Answer<Agreement>;
  try {
    answer = await api<Agreement>('GET', `/v1/agreement?lang=${language}`);
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    answer = { ok: false, status: 0, problem: { status: 0, code: 'unreachable', title: t('networkError') } };
  }
  if (request !== agreementRequest) return;
  if (!answer.ok) return showError(container, answer.problem.title);
  agreement = answer.body;
  $('.agreement-title', container).textContent = agreement.title;
  $('.agreement-meta', container).textContent =
    `${t('agreementVersion')} ${agreement.version}, ${t('agreementEffective')} ${agreement.effectiveFrom}`;
  // The text's first line is its title, shown above.
  $('.agreement-text', container).textContent = agreement.text.split('\n').slice(1).join('\n').trim();
};

/** Pressed before the agreement is on screen (still loading, or it failed): it is loaded (again) instead. */
const agreementShown = (form: HTMLFormElement): boolean => {
  if (agreement) return true;
  showError(form, t('agreementLoading'));
  void loadAgreement(form);
  return false;
};

const requireAccepted = (form: HTMLFormElement): boolean => {
  const box = $<HTMLInputElement>('input[name="accepted"]', form);
  if (box.checked) return true;
  showError(form, t('mustAccept'));
  box.focus();
  return false;
};

// Login: phone and password, or the ID card.

const afterLogin = async (session: Session): Promise<void> => {
  setToken(session.token);
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-view="login"] form')) form.reset();
  notice('');
  if (session.consentRequired) await showConsent();
  else await showCabinet();
};

const showLogin = (focus = true): void => {
  show('login', focus);
  void detectIdCard();
};

let idCardDetection: Promise<boolean> | undefined;
const detectIdCard = async (): Promise<void> => {
  const status = $('#id-card-status');
  idCardDetection ??= webEidAvailable();
  const available = await idCardDetection;
  status.dataset.t = available ? 'idCardReady' : 'idCardMissing';
  status.textContent = t(status.dataset.t as TextKey);
  $('#id-card-login').hidden = !available;
};

const loginWithIdCard = async (): Promise<void> => {
  const card = $('#id-card-login').closest('section')!;
  await submitting(
    card,
    async () => {
      const challenge = await api<{ challengeId: string; nonce: string }>('POST', '/v1/id-card/challenges');
      if (!challenge.ok) return challenge;
      let authToken;
      try {
        authToken = await webEidAuthenticate(challenge.body.nonce, language);
      } catch {
        return { ok: false, status: 0, problem: { status: 0, code: 'web_eid', title: t('idCardFailed') } };
      }
      return api<Session>('POST', '/v1/id-card/sessions', {
        challengeId: challenge.body.challengeId,
        authToken,
      });
    },
    afterLogin,
  );
};

// The cabinet.

interface Cabinet {
  applicantType: 'individual' | 'legal_entity';
  login: string;
  passportNumber: string;
  pin: string;
  organizationInn?: string;
  status: 'active' | 'blocked' | 'deleted';
  consent: { version: string; acceptedAt: string };
  verification?: { status: 'pending' | 'confirmed' | 'mismatch' | 'overdue'; deadline: string };
}

interface ActivityItem {
  at: string;
  action: string;
  result: 'success' | 'failure';
  ip?: string;
  attribution: 'applicant' | 'disputed' | 'revoked_credential';
}

interface SessionItem {
  createdAt: string;
  lastSeenAt: string;
  method: 'password' | 'id-card';
  ip: string;
  userAgent: string;
  current: boolean;
}

const renderCabinet = (me: Cabinet): void => {
  const statusKey = { active: 'statusActive', blocked: 'statusBlocked', deleted: 'statusDeleted' } as const;
  const verificationKey = {
    pending: 'verificationPending',
    confirmed: 'verificationConfirmed',
    mismatch: 'verificationMismatch',
    overdue: 'verificationOverdue',
  } as const;
  const rows: [string, string][] = [
    [t('login'), me.login],
    [t('applicantType'), t(me.applicantType === 'individual' ? 'individual' : 'legalEntity')],
    [t('passportNumber'), me.passportNumber],
    [t('pin'), me.pin],
    ...(me.organizationInn ? ([[t('inn'), me.organizationInn]] as [string, string][]) : []),
    [t('status'), t(statusKey[me.status])],
    [t('consent'), `${t('agreementVersion')} ${me.consent.version}, ${dateTime(me.consent.acceptedAt)}`],
    ...(me.verification
      ? ([
          [
            t('verification'),
            `${t(verificationKey[me.verification.status])}, ${t('deadline')} ${dateTime(me.verification.deadline)}`,
          ],
        ] as [string, string][])
      : []),
  ];
  $('#my-data').replaceChildren(
    ...rows.flatMap(([term, value]) => [element('dt', term), element('dd', value)]),
  );
};

const renderSessions = (items: readonly SessionItem[]): void => {
  $('#sessions').replaceChildren(
    ...items.map((item) => {
      const row = element('tr');
      const method = t(item.method === 'password' ? 'methodPassword' : 'methodIdCard');
      row.append(
        element('td', dateTime(item.createdAt)),
        element('td', dateTime(item.lastSeenAt)),
        element('td', item.current ? `${method} (${t('thisSession')})` : method),
        element('td', item.ip),
        element('td', item.userAgent),
      );
      return row;
    }),
  );
};

const attributionKey = {
  applicant: 'attrApplicant',
  disputed: 'attrDisputed',
  revoked_credential: 'attrRevoked',
} as const;

const activityRow = (item: ActivityItem): HTMLTableRowElement => {
  const row = element('tr', undefined, item.attribution === 'applicant' ? undefined : 'disputed');
  const whose = element('td');
  whose.append(element('span', t(attributionKey[item.attribution]), `badge ${item.attribution}`));
  row.dataset.attribution = item.attribution;
  row.append(
    element('td', dateTime(item.at)),
    element('td', actionNames[item.action]?.[language] ?? item.action),
    element('td', t(item.result)),
    element('td', item.ip ?? ''),
    whose,
  );
  return row;
};

const loadActivity = async (more: boolean): Promise<void> => {
  const query =
    more && activityCursor ? `?limit=20&cursor=${encodeURIComponent(activityCursor)}` : '?limit=20';
  const answer = await api<{ items: ActivityItem[]; nextCursor?: string }>('GET', `/v1/me/activity${query}`);
  if (!answer.ok) return;
  const rows = answer.body.items.map(activityRow);
  if (more) $('#activity').append(...rows);
  else $('#activity').replaceChildren(...rows);
  activityCursor = answer.body.nextCursor;
  $('#activity-more').hidden = activityCursor === undefined;
};

const refreshCabinet = async (): Promise<boolean> => {
  const [me, sessions] = await Promise.all([
    api<Cabinet>('GET', '/v1/me'),
    api<{ items: SessionItem[] }>('GET', '/v1/me/sessions'),
  ]);
  if (!me.ok) {
    if (me.problem.code === 'consent_required') await showConsent();
    else if (me.status === 401) sessionLost();
    else notice(me.problem.title);
    return false;
  }
  renderCabinet(me.body);
  if (sessions.ok) renderSessions(sessions.body.items);
  await loadActivity(false);
  return true;
};

const showCabinet = async (): Promise<void> => {
  try {
    if (await refreshCabinet()) show('cabinet');
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    notice(t('networkError'));
  }
};

const showConsent = async (): Promise<void> => {
  show('consent');
  await loadAgreement($('#renew-form'));
};

/**
 * 2.7: Exit ends the session on the server. Only once the portal says so (or that it had already ended) is it
 * forgotten here; otherwise the applicant is told and can press Exit again, the session still in hand.
 */
const endSession = async (path: string): Promise<void> => {
  try {
    const answer = await api('DELETE', path);
    if (!answer.ok && answer.problem.code !== 'unauthenticated') {
      notice(t('exitFailed'));
      return;
    }
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    notice(t('exitFailed'));
    return;
  }
  forgetSession();
  notice(t('loggedOut'));
};

// Wiring.

const on = (selector: string, handler: (form: HTMLFormElement) => Promise<void> | void): void => {
  $<HTMLFormElement>(selector).addEventListener('submit', (event) => {
    event.preventDefault();
    void handler(event.currentTarget as HTMLFormElement);
  });
};

const wire = (): void => {
  $<HTMLSelectElement>('#language').addEventListener('change', (event) => {
    language = (event.currentTarget as HTMLSelectElement).value as Language;
    localStorage.setItem('language', language);
    applyTexts();
    if (view === 'register' && !$('#consent-form').hidden) void loadAgreement($('#consent-form'));
    if (view === 'consent') void loadAgreement($('#renew-form'));
    if (view === 'cabinet') void refreshCabinet();
  });

  $('#report-open').addEventListener('click', () => {
    if (token && view === 'cabinet') {
      $('#cabinet-report').scrollIntoView();
      $('#cabinet-report-title').focus();
    } else {
      show('report');
    }
  });
  $('#exit').addEventListener('click', () => void endSession('/v1/sessions/current'));
  $('#end-all').addEventListener('click', () => void endSession('/v1/sessions'));
  $('#activity-more').addEventListener('click', () => void loadActivity(true));
  $('#id-card-login').addEventListener('click', () => void loginWithIdCard());
  $('#register-open').addEventListener('click', () => {
    $('#consent-form').hidden = false;
    $('#register-form').hidden = true;
    show('register');
    void loadAgreement($('#consent-form'));
  });
  for (const back of document.querySelectorAll('.back'))
    back.addEventListener('click', () => (token ? void showCabinet() : showLogin()));

  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="applicantType"]'))
    radio.addEventListener('change', () => {
      // 1: a legal entity's representative also gives the organization's tax number.
      const legal = $<HTMLInputElement>('#type-legal').checked;
      $('#inn-field').hidden = !legal;
      $<HTMLInputElement>('#register-inn').disabled = !legal;
    });

  on('#login-form', (form) =>
    submitting(form, () => api<Session>('POST', '/v1/sessions', values(form)), afterLogin),
  );

  on('#reset-form', (form) =>
    submitting(
      form,
      () => api('POST', '/v1/password-resets', values(form)),
      () => {
        form.reset();
        notice(t('resetDone'));
      },
    ),
  );

  on('#consent-form', (form) => {
    if (!agreementShown(form) || !requireAccepted(form)) return;
    return submitting(
      form,
      () =>
        api<{ consentId: string }>('POST', '/v1/consents', {
          agreementVersion: agreement!.version,
          accepted: true,
          language,
        }),
      (body) => {
        consentId = body.consentId;
        form.hidden = true;
        $('#register-form').hidden = false;
        $('#details-title').focus();
      },
    );
  });

  on('#register-form', (form) =>
    submitting(
      form,
      () => api<{ login: string }>('POST', '/v1/registrations', { consentId, ...values(form) }),
      (body) => {
        form.reset();
        $('#inn-field').hidden = true;
        $<HTMLInputElement>('#register-inn').disabled = true;
        showLogin();
        $<HTMLInputElement>('#login-phone').value = body.login;
        notice(t('registered', { phone: body.login }));
      },
    ),
  );

  on('#report-request-form', (form) =>
    submitting(
      form,
      () => api('POST', '/v1/access-reports', values(form)),
      () => {
        $<HTMLInputElement>('#report-confirm-form input[name="code"]').value = '';
        form.hidden = true;
        $('#report-confirm-form').hidden = false;
        $('#report-code-sent').focus();
      },
    ),
  );

  on('#report-confirm-form', (form) => {
    const phone = $<HTMLInputElement>('#report-phone').value.trim();
    return submitting(
      form,
      () =>
        api<{ reportedAt: string }>('POST', '/v1/access-reports/confirm', {
          phone,
          code: values(form).code,
          ...reportDetails(form),
        }),
      (body) => {
        form.reset();
        form.hidden = true;
        $<HTMLFormElement>('#report-request-form').reset();
        $('#report-request-form').hidden = false;
        setToken(undefined);
        showLogin();
        notice(t('reported', { at: dateTime(body.reportedAt) }));
      },
    );
  });

  on('#renew-form', (form) => {
    if (!agreementShown(form) || !requireAccepted(form)) return;
    return submitting(
      form,
      () =>
        api('POST', '/v1/me/consents', { agreementVersion: agreement!.version, accepted: true, language }),
      async () => {
        form.reset();
        await showCabinet();
      },
    );
  });

  on('#passport-form', (form) =>
    submitting(
      form,
      () => api<Cabinet>('PATCH', '/v1/me', values(form)),
      async (me) => {
        form.reset();
        renderCabinet(me);
        await loadActivity(false);
        notice(t('saved'));
      },
    ),
  );

  on('#password-form', (form) =>
    submitting(
      form,
      () => api('PUT', '/v1/me/password', values(form)),
      async () => {
        form.reset();
        await refreshCabinet();
        notice(t('passwordChanged'));
      },
    ),
  );

  on('#phone-form', (form) =>
    submitting(
      form,
      () => api('POST', '/v1/me/phone-changes', values(form)),
      () => {
        $('#phone-confirm-form').hidden = false;
        $('#phone-code-sent').focus();
      },
    ),
  );

  on('#phone-confirm-form', (form) =>
    submitting(
      form,
      () => api<Cabinet>('POST', '/v1/me/phone-changes/confirm', values(form)),
      async (me) => {
        form.reset();
        form.hidden = true;
        $<HTMLFormElement>('#phone-form').reset();
        renderCabinet(me);
        await loadActivity(false);
        notice(t('phoneChanged', { phone: me.login }));
      },
    ),
  );

  on('#cabinet-report-form', (form) =>
    submitting(
      form,
      () => api<{ reportedAt: string }>('POST', '/v1/me/access-reports', reportDetails(form)),
      (body) => {
        form.reset();
        setToken(undefined);
        showLogin();
        notice(t('reported', { at: dateTime(body.reportedAt) }));
      },
    ),
  );
};

const start = async (): Promise<void> => {
  applyTexts();
  wire();
  setToken(token);
  if (token) await showCabinet();
  else showLogin(false);
};

void start();
