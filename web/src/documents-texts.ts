/** The words of the cabinet's verification documents card (2.3), merged into texts.ts. */
export const documentsTexts = {
  documentsTitle: {
    ky: 'Ырастоо үчүн документтер',
    ru: 'Документы для подтверждения',
    en: 'Documents for verification',
  },
  documentsIntro: {
    ky: 'Оператор маалыматтарыңызды ырастоону сурады. Документтердин көчүрмөлөрүн {deadline} чейин жөнөтүңүз.',
    ru: 'Оператор запросил подтверждение ваших данных. Отправьте копии документов до {deadline}.',
    en: 'The operator asked you to confirm your details. Send copies of your documents by {deadline}.',
  },
  documentFile: { ky: 'Документтин файлы', ru: 'Файл документа', en: 'Document file' },
  documentFileHint: {
    ky: 'PDF, JPEG же PNG, {size} чейин; бир талапка {count} документке чейин.',
    ru: 'PDF, JPEG или PNG, до {size}; не больше {count} документов на одно требование.',
    en: 'PDF, JPEG or PNG, up to {size}; at most {count} documents for one demand.',
  },
  documentSend: { ky: 'Жөнөтүү', ru: 'Отправить', en: 'Send' },
  documentChooseFile: {
    ky: 'Алгач файлды тандаңыз.',
    ru: 'Сначала выберите файл.',
    en: 'Choose a file first.',
  },
  documentWrongType: {
    ky: 'PDF, JPEG же PNG файлдары гана кабыл алынат.',
    ru: 'Принимаются только файлы PDF, JPEG или PNG.',
    en: 'Only PDF, JPEG or PNG files are accepted.',
  },
  documentTooLarge: {
    ky: 'Файл өтө чоң: {size} чейин кабыл алынат.',
    ru: 'Файл слишком большой: принимается до {size}.',
    en: 'The file is too large: up to {size} is accepted.',
  },
  documentsTooMany: {
    ky: 'Бул талапка {count} документ жөнөтүлдү, башкасы кабыл алынбайт.',
    ru: 'По этому требованию уже отправлено {count} документов, больше не принимается.',
    en: '{count} documents have been sent for this demand; no more are taken.',
  },
  documentSending: { ky: '{name} жөнөтүлүүдө…', ru: '{name}: отправка…', en: 'Sending {name}…' },
  documentSent: {
    ky: '{name} жөнөтүлдү, текшерилүүдө.',
    ru: '{name} отправлен и проверяется.',
    en: '{name} was sent and is being checked.',
  },
  documentDecided: { ky: '{name}: {status}.', ru: '{name}: {status}.', en: '{name}: {status}.' },
  documentUploadFailed: {
    ky: 'Файл жөнөтүлгөн жок. Кайра аракет кылыңыз.',
    ru: 'Файл не отправлен. Попробуйте ещё раз.',
    en: 'The file was not sent. Please try again.',
  },
  documentsNone: {
    ky: 'Азырынча документ жөнөтүлгөн жок.',
    ru: 'Документы ещё не отправлены.',
    en: 'No documents sent yet.',
  },
  documentName: { ky: 'Файл', ru: 'Файл', en: 'File' },
  documentSize: { ky: 'Көлөмү', ru: 'Размер', en: 'Size' },
  documentStatus: { ky: 'Абалы', ru: 'Статус', en: 'Status' },
  documentSentAt: { ky: 'Жөнөтүлгөн', ru: 'Отправлен', en: 'Sent' },
  documentAwaitingUpload: { ky: 'жүктөлүүнү күтүүдө', ru: 'ожидает загрузки', en: 'awaiting upload' },
  documentReceived: { ky: 'кабыл алынды', ru: 'получен', en: 'received' },
  documentRejected: {
    ky: 'четке кагылды (текшерүүдөн өткөн жок)',
    ru: 'отклонён (не прошёл проверку)',
    en: 'rejected (failed the check)',
  },
  sizeKilobytes: { ky: '{n} КБ', ru: '{n} КБ', en: '{n} KB' },
  sizeMegabytes: { ky: '{n} МБ', ru: '{n} МБ', en: '{n} MB' },
} satisfies Record<string, Record<'ky' | 'ru' | 'en', string>>;
