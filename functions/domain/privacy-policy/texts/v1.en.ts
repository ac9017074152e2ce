// Privacy Policy, version 1, in English. A draft for the Operator's legal review (2.4); the numbers come from the
// constants the portal runs on (retention.ts), never typed here.
import type { RetentionPeriods } from '../retention';

export const title = 'Privacy Policy of the Public Services Portal of the State Registration Service — DRAFT';

export const render = (r: RetentionPeriods): string => `${title}

DRAFT for the Operator's legal review: not yet approved. The Kyrgyz text is the original (version 1).

1. Who processes your data and on what grounds
The Operator of the Public Services Portal of the State Registration Service (SRS) under the Government of the Kyrgyz Republic holds and processes the personal data described here, under the Law of the Kyrgyz Republic "On personal information" of 14 April 2008 No. 58 and clause 2.4 of the User Agreement, on the grounds of your consent and in order to provide public services.

2. What is collected and why
• When you consent to the User Agreement: the version of the Agreement and of this Policy, the SHA-256 of the text you read, the language, the time, your IP address and your browser's user agent — to prove what you consented to.
• At registration: your phone number (your login; the password and codes are sent to it by SMS), passport number and personal identification number (PIN), whether you are an individual or represent a legal entity, and for a legal entity the organization's tax number (INN) — to identify you (clause 2.2) and to keep each of them unique.
• Your password only as a one-way hash; the password itself exists only in the SMS. Codes sent by SMS are kept only as hashes, for ${r.codeMinutes} minutes.
• Sessions: when each began and was last used, how you logged in (password or ID card), the IP address and user agent. With the ID card the portal receives the card's certificate and signature; the card's PIN code never leaves your computer.
• An activity log of every action under your account (logins, changes, reports, operators' actions with the operator and the reason), with time, IP address and user agent — clause 2.6 makes you responsible for these actions, and the log is how they are attributed.
• Reports of unauthorized access: their time, the suspected start, your description, the IP address and user agent.
• Verification demands of an operator (clause 2.3) and the supporting documents you upload for them.
• Counters that limit abuse (logins, SMS per phone and per network), kept under keyed hashes and only as long as their limit runs.

3. Where it is kept and how it is protected
In Amazon Web Services (AWS), in the region the Operator deploys the portal to, in DynamoDB tables encrypted with the Operator's own key in AWS KMS, with backups for recovery. Phone number, passport number, PIN and INN are additionally encrypted inside each record (AES-256-GCM) under keys kept in AWS Secrets Manager; lookups use keyed hashes (HMAC), never the values themselves. IP addresses and user agents are encrypted under a key per calendar month (see 5). Logs hold no phone number, passport number, PIN, password, token or code. On a computer running the portal locally (development and tests) the same data lies in the portal's data directory.

4. Who sees it
• You, in your personal cabinet: passport number and PIN are shown masked; your activity and sessions in full.
• SRS operators, for blocking, deleting and verifying accounts and for reviewing reports; every look and every action of an operator is recorded in your activity log, which you see.
• AWS processes the data as the hosting provider; SMS go through AWS and the mobile operators to your phone. Nothing is sold or used for advertising.

5. How long it is kept
• A consent not used for registration lapses after ${r.unusedConsentMinutes} minutes.
• A session ends after ${r.sessionIdleMinutes} minutes without use and after ${r.sessionHours} hours at most.
• After a phone change the previous phone stays reserved to your account for ${r.previousPhoneDays} days, so that it can report unauthorized access.
• IP addresses and user agents in the activity log, consents and reports become unreadable ${r.networkDataDays} days after the end of the calendar month in which they were recorded: the key of that month is destroyed. The entries themselves stay, showing "—" instead.
• When an operator deletes your account or you close it, your personal data (phone, passport number, PIN, INN) and its lookup keys are erased ${r.deletedAccountDays} days later. The activity log stays, without them.
• Supporting documents are deleted a set time after the verification demand is resolved.
• For the Operator's legal review: how long the activity log and the consents themselves are kept is still to be set.

6. Your rights and how to use them here
Under the Law "On personal information" you may know what data is held on you and why, get a copy, have it corrected, completed, blocked or destroyed when it is wrong or no longer needed, withdraw your consent, and complain. On this portal:
• See everything held on you: the export in your cabinet gives all of it as one document; the activity log shows every action.
• Correct it: change the passport number in the cabinet; change the phone (the login) with a code sent to the new phone. For the PIN or the INN, contact the SRS.
• Close your account in the cabinet: every session ends at once and the data is erased as in section 5. Closing the account withdraws your consent.
• Report unauthorized access at once, from the cabinet or, without logging in, with your phone, PIN and a code by SMS: every session ends and the password is replaced. End your sessions with the Exit button, one by one, or all at once.
• Contact the State Registration Service about anything in this Policy; you may also complain to the state body that protects personal data, or go to court.

7. Changes
A new version of this Policy is published here with its date; the version current when you consented is recorded with your consent.
`;
