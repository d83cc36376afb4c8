import { UPLOAD_TOKEN } from '../attachments';
import { HelpdeskValidationError } from '../errors';
import type { CommentInput, NewRequestInput } from '../types';
import { customFieldJson } from './fields-json';

/** What the portal sends Zendesk's Requests API: built here from domain input, nothing else can go. */

function checkedUploads(uploads: readonly string[]): string[] {
  for (const token of uploads) {
    if (!UPLOAD_TOKEN.test(token)) throw new HelpdeskValidationError(['An upload token is not valid.'], 'upload token is not a help desk token');
  }
  return [...uploads];
}

/** A comment: its body, and its files' upload tokens when there are any. */
function commentJson(body: string, uploads: readonly string[]): Record<string, unknown> {
  const tokens = checkedUploads(uploads);
  return tokens.length > 0 ? { body, uploads: tokens } : { body };
}

/**
 * The bodies the portal sends: a subject and a first comment (with its files, and the closed
 * request it follows up), or an update. Nothing else can go.
 */
export function buildNewRequestJson(input: Pick<NewRequestInput, 'subject' | 'description'> & Partial<Pick<NewRequestInput, 'uploads' | 'followUpOf' | 'fields' | 'formId' | 'ccEmails'>>): string {
  const request: Record<string, unknown> = { subject: input.subject, comment: commentJson(input.description, input.uploads ?? []) };
  // The reference's follow-up: "include a via_followup_source_id property … that specifies the closed ticket".
  if (input.followUpOf) request['via_followup_source_id'] = Number(input.followUpOf);
  // The help desk's own fields (Requests API: `custom_fields`, `ticket_form_id`).
  if (input.fields?.length) request['custom_fields'] = input.fields.map(customFieldJson);
  if (input.formId) request['ticket_form_id'] = Number(input.formId);
  // Create Request's `collaborators`: "user ids, email addresses, or objects containing a name and email".
  if (input.ccEmails?.length) request['collaborators'] = [...input.ccEmails];
  return JSON.stringify({ request });
}

/** Update Request: a comment, `solved: true`, or both, in one body (the comment left out when it has neither text nor files). */
export function buildCommentJson(input: CommentInput): string {
  const request: Record<string, unknown> = {};
  if (!input.solve || input.body !== '' || input.uploads.length > 0) request['comment'] = commentJson(input.body, input.uploads);
  if (input.solve) request['solved'] = true;
  // Update Request's `additional_collaborators` (CCs), in the same call.
  if (input.ccEmails?.length) request['additional_collaborators'] = [...input.ccEmails];
  return JSON.stringify({ request });
}
