import type { CommentAuthor } from '@/lib/helpdesk';
import { avatarColour, initials } from '../../ui/avatar-initials';
import styles from './request.module.css';

/**
 * A comment author's picture: their photo where the help desk has one, streamed through the
 * portal (app/requests/[id]/people/[userId]/photo/route.ts: never the help desk's own address),
 * else their initials on a colour of the palette. The photo lies over the initials, so a photo
 * that fails to load (alt="" draws nothing) leaves the initials showing, without JavaScript too.
 * Decorative: the name is written beside it, so screen readers skip it.
 */
export function AuthorAvatar({ requestId, author, name, locale }: { requestId: string; author: CommentAuthor; name: string; locale: string }) {
  const colour = avatarColour(author.id ?? name);
  const photo = author.hasPhoto && author.id !== null;
  return (
    // data-avatar: the e2e suite's handle on what has no role (aria-hidden), photo or initials.
    <span className={`${styles.avatar} ${styles[`avatar${colour}`]}`} aria-hidden="true" data-avatar={photo ? 'photo' : 'initials'}>
      {initials(name, locale)}
      {photo ? (
        // Not next/image: its optimiser would fetch the photo without the customer's session.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`/requests/${requestId}/people/${author.id}/photo`} alt="" width={40} height={40} loading="lazy" decoding="async" />
      ) : null}
    </span>
  );
}
