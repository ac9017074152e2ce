/** X.520 serialNumber attribute of the certificate subject. */
export const SUBJECT_SERIAL_NUMBER_OID = '2.5.4.5';

// ETSI EN 319 412-1 §5.1.3: semantics identifier "PNO" (national personal number) + ISO 3166 country code + "-".
const PIN_FROM_SERIAL_NUMBER = /^(?:PNOKG-)?(\d{14})$/;

/**
 * 2.1: the personal identification number in a card certificate's subject serialNumber values, written either as
 * `PNOKG-<14 digits>` or as 14 plain digits. Returns undefined when no value has that form, or when two values
 * name different PINs (an ambiguous certificate names nobody).
 */
export const pinFromSerialNumbers = (values: readonly string[]): string | undefined => {
  const pins = new Set(
    values.map((value) => PIN_FROM_SERIAL_NUMBER.exec(value)?.[1]).filter((pin) => pin !== undefined),
  );
  return pins.size === 1 ? [...pins][0] : undefined;
};
