import type { Metadata } from 'next';
import Link from 'next/link';
import { newFormToken } from '@/lib/forms/form-token';
import { getHelpdesk } from '@/lib/helpdesk';
import { readHelpdesk } from '@/lib/session/read-helpdesk';
import { signInHref } from '@/lib/session/safe-next-path';
import { requireCaller } from '@/lib/session/session';
import { draftKey } from '../../ui/forms/draft-key';
import { ForgetDraft } from '../../ui/forms/forget-draft';
import { FormFailureBoundary } from '../../ui/forms/form-failure';
import { HelpdeskProblem } from '../../ui/helpdesk-problem';
import { Notice } from '../../ui/notice';
import { RelativeTime } from '../../ui/relative-time';
import { StatusBadge } from '../../ui/status-badge';
import { requestTitle } from '../request-title';
import { Conversation } from './conversation';
import { ReplyForm } from './reply-form';
import styles from './request.module.css';

export async function generateMetadata({ params }: PageProps<'/requests/[id]'>): Promise<Metadata> {
  // The title names only the number: fetching the subject here would cost a second help desk call.
  return { title: `Request #${(await params).id}` };
}

export default async function RequestPage({ params, searchParams }: PageProps<'/requests/[id]'>) {
  const { id } = await params;
  const query = await searchParams;
  const here = `/requests/${encodeURIComponent(id)}`;
  const { caller, requester } = await requireCaller(here);
  const result = await readHelpdesk(() => getHelpdesk().getRequest(caller, id), here);
  const token = newFormToken();
  if (!result.ok) {
    // The reply form stays: a reply posted without JavaScript while the help desk is down comes
    // back on this page, and its message and text live in the form (app/ui/forms/use-form-state.ts).
    return (
      <>
        <h1>Request #{id}</h1>
        <HelpdeskProblem error={result.error} retryHref={here} />
        <section aria-labelledby="reply-heading" className={styles.reply}>
          <h2 id="reply-heading">Add a reply</h2>
          <FormFailureBoundary what="reply" signInHref={signInHref(here)}>
            <ReplyForm key={token} token={token} draftStorageKey={draftKey(requester.id, `reply:${id}`)} requestId={id} />
          </FormFailureBoundary>
        </section>
      </>
    );
  }
  const request = result.value;
  const ownComments = request.comments.filter((comment) => comment.author.role === 'you');

  return (
    <article className={styles.request}>
      {query.created ? (
        <Notice tone="success" title={`Request #${request.id} was submitted`}>
          <p>Thank you. We’ll reply here, and you’ll find it under My requests.</p>
          <ForgetDraft
            storageKey={draftKey(requester.id, 'new-request')}
            accepted={{ subject: request.subject ?? '', description: request.description }}
          />
        </Notice>
      ) : null}
      {query.replied ? <Notice tone="success">Your reply was sent.</Notice> : null}
      <p className={styles.back}>
        <Link href="/requests">← My requests</Link>
      </p>
      <header className={styles.header}>
        <h1 className={styles.title}>{requestTitle(request)}</h1>
        <div className={styles.meta}>
          <span className={styles.number}>#{request.id}</span>
          <StatusBadge status={request.status} />
          <RelativeTime iso={request.createdAt} prefix="Opened" />
          <RelativeTime iso={request.updatedAt} prefix="Updated" />
        </div>
      </header>

      <Conversation comments={request.comments} description={request.description} createdAt={request.createdAt} />

      <section aria-labelledby="reply-heading" className={styles.reply}>
        {request.status === 'closed' ? (
          <Notice tone="info" title="This request is closed">
            <p>Closed requests can’t take new replies. If you still need help, please open a new request.</p>
            <p>
              <Link href="/requests/new">Create a new request</Link>
            </p>
          </Notice>
        ) : (
          <>
            <h2 id="reply-heading">Add a reply</h2>
            <FormFailureBoundary what="reply" signInHref={signInHref(here)}>
              <ReplyForm
                // A fresh token means a fresh form: after a reply is sent, the next one starts empty.
                key={token}
                token={token}
                draftStorageKey={draftKey(requester.id, `reply:${request.id}`)}
                justSent={query.replied ? ownComments.at(-1)?.body : undefined}
                requestId={request.id}
                hint={request.status === 'solved' ? 'This request is solved. Replying reopens it.' : undefined}
              />
            </FormFailureBoundary>
          </>
        )}
      </section>
    </article>
  );
}
