/** Small helpers over the document: find, create, read a form, say what happened. */

/** The element the selector finds (in `root`); a missing one is a bug in the page, not a state to handle. */
export const $ = <E extends HTMLElement = HTMLElement>(selector: string, root: ParentNode = document): E => {
  const element = root.querySelector<E>(selector);
  if (!element) throw new Error(`missing ${selector}`);
  return element;
};

export const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] => {
  const created = document.createElement(tag);
  if (text !== undefined) created.textContent = text;
  if (className) created.className = className;
  return created;
};

/** A form's fields by name, as the API takes them. */
export const values = (form: HTMLFormElement): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string') continue;
    // A password is sent as typed: spaces at its ends are part of it, as the API takes them.
    const input = form.elements.namedItem(name);
    result[name] = input instanceof HTMLInputElement && input.type === 'password' ? value : value.trim();
  }
  return result;
};

/** The page's status line (#notice, read out by screen readers): what just happened. */
export const notice = (text: string): void => {
  $('#notice').textContent = text;
};
