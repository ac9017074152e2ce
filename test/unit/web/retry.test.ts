import { tryAgainIn, whenToRetry } from '../../../web/src/retry';

/** What the page says after an answer with Retry-After: the browser tests derive their expectations from this rule. */
describe('The page says when to try again', () => {
  it('counts seconds below a minute (a lock taken a second ago answers 59)', () => {
    expect(whenToRetry('ky', 59)).toBe('59 секунддан кийин');
    expect(whenToRetry('ru', 59)).toBe('через 59 с');
    expect(whenToRetry('en', 0.2)).toBe('in 1 s');
  });

  it('counts whole minutes, rounded up, from a minute to two hours', () => {
    expect(whenToRetry('ky', 60)).toBe('1 мүнөттөн кийин');
    expect(whenToRetry('en', 61)).toBe('in 2 min');
    expect(whenToRetry('ru', 2 * 60 * 60 - 1)).toBe('через 120 мин');
  });

  it('counts hours from two hours on', () => {
    expect(whenToRetry('en', 2 * 60 * 60)).toBe('in 2 h');
    expect(whenToRetry('ky', 24 * 60 * 60)).toBe('24 сааттан кийин');
  });

  it('puts the time into a whole sentence in each language', () => {
    expect(tryAgainIn('ky', 60)).toBe('1 мүнөттөн кийин кайра аракет кылыңыз.');
    expect(tryAgainIn('ru', 59)).toBe('Повторите попытку через 59 с.');
    expect(tryAgainIn('en', 120)).toBe('Please try again in 2 min.');
  });
});
