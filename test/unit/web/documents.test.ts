import { documentContentTypes, documentLimits } from '../../../functions/domain/verification/documents';
import type { DocumentItem } from '../../../web/src/api-types';
import { documentRefusal, documentRules, documentsOfDemand, fileSize } from '../../../web/src/documents';
import { documentsTexts } from '../../../web/src/documents-texts';

const pdf = { type: 'application/pdf', size: 1000 };

describe('The page’s checks of a verification document before it is sent (2.3)', () => {
  it('takes what the portal takes: the same types, size and number per demand as the domain', () => {
    expect(documentRules.contentTypes).toEqual(documentContentTypes);
    expect(documentRules.maxBytes).toBe(documentLimits.maxBytes);
    expect(documentRules.perDemand).toBe(documentLimits.perDemand);
  });

  it('lets a PDF, JPEG or PNG up to 5 MiB go while fewer than 5 were sent for the demand', () => {
    for (const type of documentContentTypes)
      expect(documentRefusal('en', { type, size: documentLimits.maxBytes }, 4)).toBeUndefined();
  });

  it('refuses another type, a file over 5 MiB and a sixth document, in the page’s language', () => {
    expect(documentRefusal('en', { ...pdf, type: 'text/html' }, 0)).toBe(documentsTexts.documentWrongType.en);
    expect(documentRefusal('en', { ...pdf, type: '' }, 0)).toBe(documentsTexts.documentWrongType.en);
    expect(documentRefusal('ru', { ...pdf, size: documentLimits.maxBytes + 1 }, 0)).toBe(
      'Файл слишком большой: принимается до 5 МБ.',
    );
    expect(documentRefusal('ky', pdf, documentLimits.perDemand)).toBe(
      'Бул талапка 5 документ жөнөтүлдү, башкасы кабыл алынбайт.',
    );
  });

  it('writes sizes as people read them: whole KB below a megabyte, MB with one decimal above', () => {
    expect(fileSize('en', 1)).toBe('1 KB');
    expect(fileSize('en', 1025)).toBe('2 KB');
    expect(fileSize('ru', 5 * 1024 * 1024)).toBe('5 МБ');
    expect(fileSize('ru', 1.25 * 1024 * 1024)).toBe('1,3 МБ');
    expect(fileSize('en', 1.25 * 1024 * 1024)).toBe('1.3 MB');
  });

  it('counts only the documents sent since the pending demand was made', () => {
    const item = (createdAt: string): DocumentItem => ({
      documentId: createdAt,
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: 1,
      status: 'received',
      createdAt,
    });
    const items = [item('2026-01-01T10:00:00.000Z'), item('2026-03-01T10:00:00.001Z')];

    expect(documentsOfDemand(items, '2026-03-01T10:00:00.000Z')).toEqual([items[1]]);
  });
});
