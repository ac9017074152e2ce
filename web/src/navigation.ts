import { $ } from './dom';
import { page, type View } from './state';

/** Shows one view and moves focus to its heading, so keyboard and screen-reader users start at its top. */
export const show = (next: View, focus = true): void => {
  page.view = next;
  for (const section of document.querySelectorAll<HTMLElement>('[data-view]'))
    section.hidden = section.dataset.view !== next;
  if (focus) $(`[data-view="${next}"] h1`).focus();
};

/** The views other views lead to, each entered the way its own module says (views/login, consent, cabinet). */
interface Entrances {
  /** The login, and whether the ID card can be used. */
  login(focus?: boolean): void;
  /** The agreement to consent to again before the cabinet opens. */
  consent(): Promise<void>;
  /** The cabinet, shown once its data is loaded. */
  cabinet(): Promise<void>;
}

/**
 * How a view sends the applicant to another: `go.cabinet()`. Views never import one another (they lead to one
 * another both ways, and the import graph has no cycle); main.ts hands over each view's entrance at start.
 */
export const go = {} as Entrances;

export const setEntrances = (entrances: Entrances): void => {
  Object.assign(go, entrances);
};

/** The Back buttons: to the cabinet with a session, to the login without. */
export const wireBackButtons = (): void => {
  for (const back of document.querySelectorAll('.back'))
    back.addEventListener('click', () => (page.token ? void go.cabinet() : go.login()));
};
