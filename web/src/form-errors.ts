import type { Problem } from './api-types';
import { $, element } from './dom';

// Form errors: the problem's localized title in the form's alert region, each field's message beside the field.

export const clearErrors = (form: HTMLElement): void => {
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

export const showError = (form: HTMLElement, title: string, fieldErrors: Problem['errors'] = []): void => {
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

/**
 * Points at the field a problem without field messages concerns (the summary above says what is wrong): marked
 * invalid until the next submission, and focused so that the applicant can put it right at once.
 */
export const flagField = (field: HTMLInputElement): void => {
  field.setAttribute('aria-invalid', 'true');
  field.focus();
  field.select();
};
