import 'server-only';
import { getConfig } from '../platform/config';
import { UPLOAD_FIELD } from './fields';
import type { FileIssue } from './issues';
import { openUpload, peekUpload, type KeptUpload, type SealSecrets } from './receipt';

export type { FileIssue };

export function sealSecrets(): SealSecrets {
  const { sessionSecret, sessionSecretPrevious } = getConfig();
  return { current: sessionSecret, previous: sessionSecretPrevious };
}

/** The seals a form carries, each once, in the form's order. */
export function formSeals(formData: FormData): string[] {
  const seals = formData.getAll(UPLOAD_FIELD).filter((value): value is string => typeof value === 'string' && value !== '');
  return [...new Set(seals)];
}

/**
 * The files a form names by seal, opened for `requesterId`: the help desk tokens to attach, the
 * files to give back if the form returns, and what is wrong (a seal that did not open, more files
 * than a message may carry).
 */
export async function openFormUploads(formData: FormData, requesterId: string): Promise<{ tokens: string[]; kept: KeptUpload[]; issues: FileIssue[] }> {
  const secrets = sealSecrets();
  const tokens: string[] = [];
  const kept: KeptUpload[] = [];
  const issues: FileIssue[] = [];
  for (const seal of formSeals(formData)) {
    const opened = await openUpload(seal, requesterId, secrets);
    if (opened) {
      tokens.push(opened.token);
      kept.push(opened.kept);
      continue;
    }
    const facts = await peekUpload(seal, secrets);
    issues.push(facts ? { code: 'expired', fileName: facts.fileName } : { code: 'invalid', fileName: null });
  }
  const { maxFiles } = getConfig().attachments;
  if (kept.length > maxFiles) issues.push({ code: 'too_many', maxFiles, fileName: kept[maxFiles]!.fileName });
  return { tokens, kept, issues };
}

/**
 * The files a form names, as shown, without knowing whose they are (the session ended before the
 * form arrived): given back to the form so they are not lost; they are opened for the customer
 * when the form is sent again.
 */
export async function peekFormUploads(formData: FormData): Promise<KeptUpload[]> {
  const secrets = sealSecrets();
  const peeked = await Promise.all(formSeals(formData).map((seal) => peekUpload(seal, secrets)));
  return peeked.filter((kept): kept is KeptUpload => kept !== null);
}
