import { DocumentCatalog, type DocumentVersion } from '../agreement/catalog';

/** The Privacy Policy of 2.4, version 1 (a draft for the Operator's legal review). */
export const privacyPolicyV1: DocumentVersion = {
  version: '1',
  effectiveFrom: '2026-12-01',
  sha256: {
    ky: '05adeada1942a1a672dcfe120e8e8e27604289434580ec2222ca7ef7a6f29250',
    ru: '923c3b99d832204c0dc9450072fd3c39d859a4fd838a6a833e6fb87af93a3b6e',
    en: '6c511e5ad0095a226060e45a9311dfa8f3eb20d5ae1a67fc6a2460f6efbee6e5',
  },
};

/** The published versions of the Privacy Policy; a consent records the one current when it was given (2.4). */
export const publishedPrivacyPolicies = new DocumentCatalog([privacyPolicyV1]);
