'use client';

import { useEffect } from 'react';
import { embedderOrigin, heightMessage } from '@/lib/embed/messages';

/**
 * The page's side of public/embed.js, inside the company's frame:
 * - posts the content's height to the embedding page, so the frame is exactly as tall as the
 *   page and never scrolls inside the host's page; only to an allowed embedder's origin;
 * - opens links to other sites in a new tab instead of inside the small frame.
 */
export function EmbedFrame({ allowedOrigins, hostSetting }: { allowedOrigins: string[]; hostSetting: string | null }) {
  useEffect(() => {
    if (window.parent === window) return;
    const target = embedderOrigin(
      { ancestorOrigin: window.location.ancestorOrigins?.[0] ?? null, hostSetting, referrer: document.referrer },
      allowedOrigins,
    );
    if (!target) return;
    let last = -1;
    const post = () => {
      const message = heightMessage(document.documentElement.getBoundingClientRect().height);
      if (message.height === last) return;
      last = message.height;
      window.parent.postMessage(message, target);
    };
    const observer = new ResizeObserver(post);
    observer.observe(document.documentElement);
    observer.observe(document.body);
    post();
    return () => observer.disconnect();
  }, [allowedOrigins, hostSetting]);

  useEffect(() => {
    const openOutsideInNewTab = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.origin === window.location.origin) return;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    };
    // Capture phase: the attributes are in place before the browser follows the link.
    document.addEventListener('click', openOutsideInNewTab, true);
    return () => document.removeEventListener('click', openOutsideInNewTab, true);
  }, []);

  return null;
}
