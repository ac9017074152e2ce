import { readDocument } from './agreement';
import { $ } from './dom';
import { t } from './i18n';

/**
 * 2.4: the Privacy Policy, beside the agreement at consent and in the cabinet. Each `details.privacy-policy` of
 * index.html loads it when opened, in the page's language, and again when the language changes while it is open.
 */

const policies = (): HTMLDetailsElement[] => [
  ...document.querySelectorAll<HTMLDetailsElement>('details.privacy-policy'),
];

/** The latest request of each policy: an earlier one answering late (another language) is ignored. */
const latest = new WeakMap<HTMLDetailsElement, number>();

const load = async (details: HTMLDetailsElement): Promise<void> => {
  const request = (latest.get(details) ?? 0) + 1;
  latest.set(details, request);
  const meta = $('.policy-meta', details);
  const text = $('.policy-text', details);
  meta.textContent = t('loading');
  text.textContent = '';
  const answer = await readDocument('/v1/privacy-policy');
  if (latest.get(details) !== request) return;
  if (!answer.ok) {
    meta.textContent = answer.problem.title;
    return;
  }
  const policy = answer.body;
  meta.textContent = `${t('agreementVersion')} ${policy.version}, ${t('agreementEffective')} ${policy.effectiveFrom}`;
  text.textContent = policy.text;
};

/** Loads the policy into each `details.privacy-policy` when it is opened. */
export const wirePrivacyPolicies = (): void => {
  for (const details of policies())
    details.addEventListener('toggle', () => {
      if (details.open) void load(details);
    });
};

/** After a change of language: the open policies again, in the new one. */
export const reloadOpenPrivacyPolicies = (): void => {
  for (const details of policies()) if (details.open) void load(details);
};
