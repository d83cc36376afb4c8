import { isAllowedOrigin } from './origins';

/**
 * The one message the framed portal sends its embedder, and the rule for where it may go.
 * public/embed.js is the other end: it accepts the message only from the portal's origin.
 */
export const HEIGHT_MESSAGE_TYPE = 'portico:height';

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE_TYPE;
  height: number;
}

export function heightMessage(height: number): HeightMessage {
  return { type: HEIGHT_MESSAGE_TYPE, height: Math.max(0, Math.ceil(height)) };
}

export interface EmbedderClues {
  /** `location.ancestorOrigins[0]` where the browser has it (Chromium, Safari): the parent's real origin. */
  ancestorOrigin?: string | null;
  /** The host origin embed.js passed on the frame's first URL (remembered by the server). */
  hostSetting?: string | null;
  /** `document.referrer`: the host page on the frame's first load, the portal itself after that. */
  referrer?: string | null;
}

/**
 * The origin to post to, or null to stay silent. Each clue counts only if it is one of the
 * allowed embedders, so a page that frames the portal without being allowed learns nothing. The
 * browser then delivers the message only if the parent really has that origin.
 */
export function embedderOrigin(clues: EmbedderClues, allowed: readonly string[]): string | null {
  // Where the browser says who the parent is, that is the only answer worth having.
  if (clues.ancestorOrigin) return isAllowedOrigin(clues.ancestorOrigin, allowed) ? new URL(clues.ancestorOrigin).origin : null;
  for (const candidate of [clues.hostSetting, originOf(clues.referrer)]) {
    if (isAllowedOrigin(candidate, allowed)) return new URL(candidate).origin;
  }
  return null;
}

function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
