import { Fragment } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Comment, CommentAuthor } from '@/lib/helpdesk';
import { linkify } from '@/lib/forms/linkify';
import { CommentFiles } from '../../ui/attachments/comment-files';
import { getConfig } from '@/lib/platform/config';
import { RelativeTime, relativeWordsFormatter } from '../../ui/relative-time';
import { AuthorAvatar } from './author-avatar';
import styles from './request.module.css';

/**
 * The public conversation, oldest first. The help desk's first comment is the description; if a
 * help desk sends no comments at all, the description stands in as the first message.
 */
export async function Conversation({ requestId, comments, description, createdAt, requester, yourName }: ConversationProps) {
  const [t, locale, words] = await Promise.all([getTranslations('request'), getLocale(), relativeWordsFormatter()]);
  const { companyName } = getConfig();
  const messages: Comment[] = comments.length > 0 ? comments : [{ author: requester, createdAt, body: description, attachments: [] }];
  return (
    <ol className={styles.conversation} aria-label={t('conversation')}>
      {messages.map((comment, index) => (
        <li
          key={index}
          id={index === messages.length - 1 ? 'latest' : undefined}
          className={`${styles.message} ${comment.author.role === 'you' ? styles.fromYou : styles.fromSupport}`}
        >
          <p className={styles.author}>
            <AuthorAvatar
              requestId={requestId}
              author={comment.author}
              // The customer's own initials come from their name, not from the word "You".
              name={comment.author.role === 'you' ? (comment.author.name ?? yourName) : authorLabel(t, comment.author)}
              locale={locale}
            />
            {/* bdi: a name (or the company's) in another script keeps its own direction. */}
            <strong>
              <bdi>{authorLabel(t, comment.author)}</bdi>
            </strong>{' '}
            {comment.author.role === 'agent' ? (
              <span className={styles.agentBadge}>
                <bdi>{companyName ?? t('agentBadge')}</bdi>
              </span>
            ) : null}{' '}
            <RelativeTime iso={comment.createdAt} words={words} />
          </p>
          {/* Shown as text, never as HTML: React escapes it, and pre-wrap keeps the writer's line breaks.
              dir="auto": the text reads in its own direction, not the page's (English in an Arabic
              page keeps its full stop at the end). */}
          <div className={styles.body} dir="auto">
            <MessageBody body={comment.body} newTab={t('opensInNewTab')} />
          </div>
          <CommentFiles requestId={requestId} attachments={comment.attachments} />
        </li>
      ))}
    </ol>
  );
}

interface ConversationProps {
  requestId: string;
  comments: Comment[];
  description: string;
  createdAt: string;
  /** Who asked: the author of the description when it stands in for the comments. */
  requester: CommentAuthor;
  /** The signed-in customer's name, for the initials on their own messages. */
  yourName: string;
}

/** Who wrote a message, as the customer sees it: staff are "Support" when the help desk names no one. */
function authorLabel(t: Awaited<ReturnType<typeof getTranslations<'request'>>>, author: CommentAuthor): string {
  if (author.role === 'you') return t('you');
  if (author.role === 'agent') return author.name ?? t('support');
  return author.name ?? t('someoneElse');
}

/**
 * Text with its http(s) addresses as links. The links open in a new tab without handing the
 * portal's window or address to the site (noopener, noreferrer), and tell search engines the
 * portal vouches for nothing (nofollow).
 */
function MessageBody({ body, newTab }: { body: string; newTab: string }) {
  return linkify(body).map((part, index) =>
    part.kind === 'link' ? (
      <a key={index} href={part.href} rel="noopener noreferrer nofollow" target="_blank">
        {part.text}
        {/* The icon for the eye, the words for a screen reader: nobody is surprised by a new tab. */}
        <span aria-hidden="true"> ↗</span>
        <span className="visually-hidden"> {newTab}</span>
      </a>
    ) : (
      <Fragment key={index}>{part.text}</Fragment>
    ),
  );
}
