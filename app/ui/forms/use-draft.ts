'use client';

import { useCallback, useEffect, useState, type RefObject } from 'react';
import { FORM_TOKEN_FIELD } from '@/lib/forms/form-token-field';
import { draftMatches, readDraft, removeDraft, writeDraft } from './draft-key';
import { draftStorage } from './draft-storage';

/** One field of a draft, whatever its control. */
interface DraftField {
  name: string;
  value: string;
}

/**
 * Keeps a form's text as a draft in localStorage while it is typed, and brings it back when the
 * form is shown again empty: after a reload, after logging in again, after a help desk outage.
 * The draft goes only once the help desk has the text (`accepted` matches it, or ForgetDraft on
 * the page a successful submit lands on). A progressive enhancement: without JavaScript the form
 * works the same, just without drafts.
 */
export function useDraft(
  formRef: RefObject<HTMLFormElement | null>,
  options: { storageKey: string; fields: string[]; hasServerValues: boolean; accepted?: Record<string, string> },
) {
  const { storageKey, fields, hasServerValues, accepted } = options;
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  // Held in state, not set on the hidden input: React would put the rendered token back on re-render.
  const [restoredToken, setRestoredToken] = useState<string | null>(null);
  const fieldList = fields.join(',');

  // Each field by name: a text box, a select, or checkboxes (one, or a multi-select's several),
  // read and written as one string (checked values, one a line).
  const fieldElements = useCallback((): DraftField[] => {
    const form = formRef.current;
    if (!form) return [];
    return fieldList.split(',').flatMap((name) => {
      const controls = [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`)];
      if (controls.length === 0) return [];
      const boxes = controls.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement && c.type === 'checkbox');
      if (boxes.length > 0) {
        return [{
          name,
          get value() {
            return boxes.filter((b) => b.checked).map((b) => b.value).join('\n');
          },
          set value(text: string) {
            const wanted = new Set(text.split('\n'));
            for (const b of boxes) b.checked = wanted.has(b.value);
          },
        }];
      }
      const control = controls[0]!;
      return [{
        name,
        get value() {
          return control.value;
        },
        set value(text: string) {
          control.value = text;
        },
      }];
    });
  }, [formRef, fieldList]);

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const tokenField = form.elements.namedItem(FORM_TOKEN_FIELD);
    const token = tokenField instanceof HTMLInputElement ? tokenField : null;
    const draft = readDraft(draftStorage(), storageKey);
    if (draft && accepted && draftMatches(draft, accepted)) {
      removeDraft(draftStorage(), storageKey);
    } else if (draft && !hasServerValues && fieldElements().every((element) => element.value === '')) {
      let restored = false;
      for (const element of fieldElements()) {
        const value = draft.fields[element.name];
        if (value) {
          element.value = value;
          restored = true;
        }
      }
      // Restoring after mount is the point: the server cannot know what this browser kept.
      if (restored) {
        // eslint-disable-next-line react-hooks/set-state-in-effect
        setRestoredAt(draft.savedAt);
        // The text may already have been sent once (and timed out): its token makes the retry the same submission.
        if (draft.token) setRestoredToken(draft.token);
      }
    }

    const save = () =>
      writeDraft(draftStorage(), storageKey, Object.fromEntries(fieldElements().map((element) => [element.name, element.value])), token?.value);
    form.addEventListener('input', save);
    return () => form.removeEventListener('input', save);
    // `accepted` and `hasServerValues` only matter on mount: later renders must not restore again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, storageKey, fieldElements]);

  const discard = useCallback(() => {
    removeDraft(draftStorage(), storageKey);
    for (const element of fieldElements()) element.value = '';
    setRestoredAt(null);
  }, [storageKey, fieldElements]);

  return { restoredAt, restoredToken, discard };
}
