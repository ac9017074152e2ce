// User agreement, version 1: English translation of the Kyrgyz original (v1.ky.ts), which is the binding text.
// Plain-text rendering with clause numbers such as "2.5" that code, tests and issues can cite.

export const title =
  'User Agreement of the Public Services Portal of the State Registration Service under the Government of the Kyrgyz Republic';

export const text = `User Agreement of the Public Services Portal of the State Registration Service under the Government of the Kyrgyz Republic

This is an English translation, provided for information. The Kyrgyz text of this Agreement is the binding original (version 1).

Preamble. This User Agreement (the Agreement) governs the relations between the Applicant and the Operator of the Public Services Portal of the State Registration Service (SRS) under the Government of the Kyrgyz Republic. It sets the conditions and rules for offering and using the System's services, the rights and obligations of the parties, and the User's liability for breaking the rules and conditions of use. The Operator offers Applicants the use of the Portal on the conditions of this Agreement. The Agreement enters into force from the moment the Applicant expresses consent to its terms.

1. Terms

1.1 In this User Agreement the following terms and definitions are used:
   • Portal — the reference and information portal on the Internet that gives applicants access to information about the SRS's public services and provides those services in electronic form;
   • Applicant's personal cabinet — the electronic resource on the Portal, holding among other things the applicant's personal data, used to interact with the SRS when using public services;
   • Operator — the legal entity that keeps the Portal running without interruption, maintains it, and is responsible for its content and data;
   • Applicant — an individual or a legal entity that has obtained access to the Portal in order to use public services.

2. Registration of the Applicant

2.1 Access to the Portal is obtained in one of two ways:
   • by registering on the Portal and receiving a login and a password;
   • with the 2017-model identity card (the ID-card passport) together with the card's personal PIN code that was handed to the citizen when the card was issued.
2.2 To register, the Applicant must give accurate and complete information about themselves in the registration form and keep it current: phone number, passport number and personal identification number (PIN). If the Applicant gives wrong information, or the Operator has grounds to believe it is incomplete or inaccurate, the administration may at its discretion block or delete the Applicant's account and refuse the Applicant the use of the Portal.
2.3 The Operator may at any time require the Applicant to confirm the registration data and to present supporting documents (including identity documents); not presenting them may, at the Operator's discretion, be treated as giving inaccurate information. If the data in the documents does not match the data given at registration, or the registration data does not allow the Applicant to be identified, the Operator may deny access to the personal cabinet and the Portal.
2.4 The personal data held in the personal cabinet is stored and processed by the Operator under the Privacy Policy.
2.5 At registration the Applicant gives the phone number to which an SMS with the password for entering the system is sent. This phone number is the login to the Portal.
2.6 The Applicant alone is responsible for keeping the password confidential, and for all actions (and their consequences) taken under the account, including when the Applicant passes the login data to third parties. All actions under the account are deemed to be the Applicant's own, except after the Applicant has notified the Operator of unauthorized access to the account and/or of a breach (or suspected breach) of the password's confidentiality.
2.7 The Applicant must notify the Operator immediately of any unauthorized access to the account (access the Applicant did not permit) and of any breach or suspected breach of the password's confidentiality. For security, the Applicant must end each working session safely with the "Exit" ("Чыгуу") button. The Operator is not liable for loss or corruption of data, or any other consequence, caused by the Applicant breaking this clause.
2.8 The User may not reproduce, copy, sell or resell the use of the account, nor use it for any commercial purpose.

3. No warranties; limitation of liability

3.1 The Operator is not liable for any kind of loss arising from the use of the Portal.
3.2 The Operator is not liable for the Applicant passing on or spreading their own personal data, registration data included, to third parties.
3.3 The Operator is not liable for the Applicant's actions or failures to act while working on the Portal, including passing registration data to third parties.
3.4 The Applicant must provide their own uninterrupted Internet connection while working on the Portal; the Operator is not liable for faults that arise on the Applicant's side.`;
