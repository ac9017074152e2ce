import { loadAgreement } from './agreement';
import { $ } from './dom';
import { applyTexts } from './i18n';
import { setEntrances, wireBackButtons } from './navigation';
import { setToken, wireExit } from './session';
import { reloadOpenPrivacyPolicies, wirePrivacyPolicies } from './privacy-policy';
import { page } from './state';
import type { Language } from './texts';
import { refreshCabinet, showCabinet, wireCabinet } from './views/cabinet';
import { showConsent, wireConsent } from './views/consent';
import { showLogin, wireLogin } from './views/login';
import { wireRegister } from './views/register';
import { wireReport } from './views/report';

/**
 * The applicants' page (index.html): one document, views shown one at a time, every word in the chosen language.
 * This entry wires the parts together:
 * - views/: one module per view (login, register, consent, report, cabinet and its data, sessions and activity);
 * - navigation.ts: which view is shown, and how views lead to one another; session.ts: the token and Exit;
 * - state.ts: all the page remembers, and the API client (api.ts) that sends its token and language;
 * - api-types.ts: the API's answers; submit.ts and form-errors.ts: sending a form and showing its problems;
 * - dom.ts, i18n.ts (with texts.ts and retry.ts): DOM helpers and the page's words.
 */

/** Another language: every word anew, and what the API said in the old one asked for again. */
const changeLanguage = (event: Event): void => {
  page.language = (event.currentTarget as HTMLSelectElement).value as Language;
  localStorage.setItem('language', page.language);
  applyTexts();
  if (page.view === 'register' && !$('#consent-form').hidden) void loadAgreement($('#consent-form'));
  if (page.view === 'consent') void loadAgreement($('#renew-form'));
  if (page.view === 'cabinet') void refreshCabinet();
  reloadOpenPrivacyPolicies();
};

const start = async (): Promise<void> => {
  setEntrances({ login: showLogin, consent: showConsent, cabinet: showCabinet });
  applyTexts();
  $('#language').addEventListener('change', changeLanguage);
  wireExit();
  wireBackButtons();
  wireLogin();
  wireRegister();
  wireReport();
  wireConsent();
  wireCabinet();
  wirePrivacyPolicies();
  setToken(page.token);
  if (page.token) await showCabinet();
  else showLogin(false);
};

void start();
