import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetadataJson } from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/metadata.max.json';

/** What parsePhone needs of libphonenumber-js's metadata, small enough for every Lambda bundle. */
export interface KyrgyzPhoneMetadata {
  /** Kyrgyzstan alone, from the full ("max") metadata: it tells mobile ranges from fixed lines. */
  readonly metadata: MetadataJson;
  /** Every other country calling code, so that a foreign number is told apart from no number at all. */
  readonly otherCallingCodes: readonly string[];
}

/** Derives {@link KyrgyzPhoneMetadata} from the installed libphonenumber-js (whose full metadata is ~150 KiB). */
export const kyrgyzPhoneMetadata = (): KyrgyzPhoneMetadata => {
  const full = fullMetadata as unknown as MetadataJson;
  return {
    metadata: {
      version: full.version,
      country_calling_codes: { '996': ['KG'] },
      countries: { KG: full.countries.KG! },
      nonGeographic: {},
    } as MetadataJson,
    otherCallingCodes: Object.keys(full.country_calling_codes).filter((code) => code !== '996'),
  };
};

export const phoneMetadataFile = join(
  __dirname,
  '..',
  'functions',
  'domain',
  'identity',
  'phone-metadata.json',
);

/**
 * `npm run phone-metadata` writes functions/domain/identity/phone-metadata.json. Run it after upgrading
 * libphonenumber-js: a unit test fails while the file and the installed library disagree.
 */
if (require.main === module) {
  writeFileSync(phoneMetadataFile, `${JSON.stringify(kyrgyzPhoneMetadata(), null, 2)}\n`);
  console.log(`wrote ${phoneMetadataFile}`);
}
