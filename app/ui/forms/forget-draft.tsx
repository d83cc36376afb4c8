'use client';

import { useEffect } from 'react';
import { draftMatches, readDraft, removeDraft } from './draft-key';
import { draftStorage } from './draft-storage';

/**
 * Rendered on the page a successful submit lands on: the help desk now holds the text, so the
 * draft it came from can go. Only a draft with exactly that text is removed, so revisiting the page
 * later never throws away a newer, different draft.
 */
export function ForgetDraft({ storageKey, accepted }: { storageKey: string; accepted: Record<string, string> }) {
  useEffect(() => {
    const draft = readDraft(draftStorage(), storageKey);
    if (draft && draftMatches(draft, accepted)) removeDraft(draftStorage(), storageKey);
  }, [storageKey, accepted]);
  return null;
}
