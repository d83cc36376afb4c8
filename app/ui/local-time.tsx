'use client';

import { useSyncExternalStore } from 'react';
import { useLocale } from 'next-intl';
import { exactTime } from './exact-time';

const never = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => 'UTC';

/**
 * A `<time>` with the exact moment visible (not only on hover, which touch screens and keyboards
 * never reach), after `relative` ("Updated 3 hours ago") when given. The server cannot know the
 * customer's time zone, so the page arrives in UTC, saying so; in the browser it turns to the
 * customer's own zone at once (React renders the server's text while hydrating, then the
 * browser's). Without JavaScript it stays in UTC, named as such.
 */
export function LocalTime({ iso, relative }: { iso: string; relative?: string }) {
  const locale = useLocale();
  const zone = useSyncExternalStore(never, browserZone, serverZone);
  const exact = exactTime(iso, locale, zone) ?? iso;
  return (
    <time dateTime={iso} title={exact}>
      {relative === undefined ? exact : (
        <>
          {relative} <span>({exact})</span>
        </>
      )}
    </time>
  );
}
