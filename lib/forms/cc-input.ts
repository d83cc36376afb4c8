import { z } from 'zod';
import { fieldIssue } from './field-issue';

/**
 * The people a customer copies in (CCs) on a new request or a reply: email addresses as typed in
 * one box, separated by commas, semicolons, spaces or lines. Each is checked here, so the help desk
 * never gets an address it would refuse; the complaint names the first bad one, and the form keeps
 * everything typed. The same address twice (any case) is one CC.
 */

/** The most people one form copies in: a handful is the use; the help desk's own limit is higher (48). */
export const MAX_CCS = 20;
/** The longest address a mail system carries (RFC 5321 path limit). */
const MAX_ADDRESS = 254;

const address = z.email();

export function splitCcs(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of raw.split(/[\s,;]+/)) {
    if (part === '' || seen.has(part.toLowerCase())) continue;
    seen.add(part.toLowerCase());
    out.push(part);
  }
  return out;
}

export const CcSchema = z
  .string()
  .transform(splitCcs)
  .superRefine((emails, ctx) => {
    if (emails.length > MAX_CCS) {
      ctx.addIssue({ code: 'custom', message: fieldIssue('ccTooMany', { max: MAX_CCS, count: emails.length }) });
      return;
    }
    const bad = emails.find((email) => email.length > MAX_ADDRESS || !address.safeParse(email).success);
    // Cut, so a paste of a whole paragraph does not become the message; the box still has all of it.
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: fieldIssue('ccInvalid', { address: Array.from(bad).slice(0, 80).join('') }) });
  });

/** The box as the form sent it ('' when the form has none, e.g. the help desk takes no CCs). */
export const ccsOf = (formData: FormData): string => String(formData.get('ccs') ?? '');
