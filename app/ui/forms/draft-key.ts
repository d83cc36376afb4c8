import { sameText } from '@/lib/forms/text';

/**
 * Where a form's draft lives in the browser's localStorage: per requester (two people sharing a
 * browser never see each other's drafts) and per form (the new-request form, or one request's
 * reply box). Shared by server pages, which know the requester, and the client forms.
 */
export type DraftForm = 'new-request' | `reply:${string}`;

export function draftKey(requesterId: string, form: DraftForm): string {
  return `portico:draft:v1:${requesterId}:${form}`;
}

export interface StoredDraft {
  savedAt: number;
  fields: Record<string, string>;
  /**
   * The form's one-time token when the draft was last typed. Restored with the text, so a retry
   * after a reload is recognised as the same submission (lib/forms/submit-once.ts), not a new one.
   */
  token?: string;
}

/** Drafts older than this are dropped rather than restored into a form weeks later. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** Whether the help desk already holds this draft's text (so the draft can go). */
export function draftMatches(draft: StoredDraft, accepted: Record<string, string>): boolean {
  const names = Object.keys(accepted);
  return names.length > 0 && names.every((name) => sameText(draft.fields[name] ?? '', accepted[name] ?? ''));
}

export function readDraft(storage: Storage, key: string, now = Date.now()): StoredDraft | null {
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as StoredDraft;
    if (typeof draft?.savedAt !== 'number' || typeof draft.fields !== 'object' || draft.fields === null || now - draft.savedAt > DRAFT_MAX_AGE_MS) {
      storage.removeItem(key);
      return null;
    }
    return draft;
  } catch {
    // Private mode, a full or disabled storage, or junk under our key: no draft, and no crash.
    return null;
  }
}

export function writeDraft(storage: Storage, key: string, fields: Record<string, string>, token?: string, now = Date.now()): void {
  try {
    if (Object.values(fields).every((value) => value.trim() === '')) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify({ savedAt: now, fields, token } satisfies StoredDraft));
  } catch {
    // Storage full or disabled: the form still works, it just can't keep a draft.
  }
}

export function removeDraft(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // As above.
  }
}
