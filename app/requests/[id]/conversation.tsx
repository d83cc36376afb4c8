import type { Comment } from '@/lib/helpdesk';
import { RelativeTime } from '../../ui/relative-time';
import styles from './request.module.css';

/**
 * The public conversation, oldest first. The help desk's first comment is the description; if a
 * help desk sends no comments at all, the description stands in as the first message.
 */
export function Conversation({ comments, description, createdAt }: { comments: Comment[]; description: string; createdAt: string }) {
  const messages: Comment[] = comments.length > 0 ? comments : [{ author: 'you', createdAt, body: description }];
  return (
    <ol className={styles.conversation} aria-label="Conversation">
      {messages.map((comment, index) => (
        <li
          key={index}
          id={index === messages.length - 1 ? 'latest' : undefined}
          className={`${styles.message} ${comment.author === 'you' ? styles.fromYou : styles.fromSupport}`}
        >
          <p className={styles.author}>
            <strong>{comment.author === 'you' ? 'You' : 'Support'}</strong> <RelativeTime iso={comment.createdAt} />
          </p>
          {/* Shown as text, never as HTML: React escapes it, and pre-wrap keeps the writer's line breaks. */}
          <div className={styles.body}>{comment.body}</div>
        </li>
      ))}
    </ol>
  );
}
