import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
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
import { formPageProps } from '../form-page';
import { requestTitle } from '../request-title';
import type { ReplyState } from './actions';
import { Conversation } from './conversation';
import { ReplyForm } from './reply-form';
import styles from './request.module.css';

export async function generateMetadata({ params }: PageProps<'/requests/[id]'>): Promise<Metadata> {
  // The title names only the number: fetching the subject here would cost a second help desk call.
  return { title: (await getTranslations('request'))('title', { id: (await params).id }) };
}

export default async function RequestPage({ params, searchParams }: PageProps<'/requests/[id]'>) {
  const { id } = await params;
  const query = await searchParams;
  const t = await getTranslations('request');
  const here = `/requests/${encodeURIComponent(id)}`;
  const { caller, requester } = await requireCaller(here);
  const result = await readHelpdesk(() => getHelpdesk().getRequest(caller, id), here);
  const token = newFormToken();
  const replyProps = await formPageProps<ReplyState>(query.form, requester.id);
  if (!result.ok) {
    // The reply form stays: a reply posted without JavaScript while the help desk is down comes
    // back on this page, and its message and text live in the form (app/ui/forms/use-form-state.ts).
    return (
      <>
        <h1>{t('heading', { id })}</h1>
        <HelpdeskProblem error={result.error} retryHref={here} />
        <section aria-labelledby="reply-heading" className={styles.reply}>
          <h2 id="reply-heading">{t('replyHeading')}</h2>
          <FormFailureBoundary what="reply" signInHref={signInHref(here)}>
            <ReplyForm key={token} token={token} draftStorageKey={draftKey(requester.id, `reply:${id}`)} requestId={id} {...replyProps} />
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
        <Notice tone="success" title={t('submittedTitle', { id: request.id })}>
          <p>{t('submittedBody')}</p>
          <ForgetDraft
            storageKey={draftKey(requester.id, 'new-request')}
            accepted={{ subject: request.subject ?? '', description: request.description }}
          />
        </Notice>
      ) : null}
      {query.replied ? <Notice tone="success">{t('replied')}</Notice> : null}
      <p className={styles.back}>
        <Link href="/requests">{t('back')}</Link>
      </p>
      <header className={styles.header}>
        <h1 className={styles.title} dir="auto">{requestTitle(request, (n) => t('title', { id: n }))}</h1>
        <div className={styles.meta}>
          <span className={styles.number}>#{request.id}</span>
          <StatusBadge status={request.status} />
          <RelativeTime iso={request.createdAt} label="opened" />
          <RelativeTime iso={request.updatedAt} label="updated" />
        </div>
      </header>

      <Conversation requestId={request.id} comments={request.comments} description={request.description} createdAt={request.createdAt} />

      <section aria-labelledby="reply-heading" className={styles.reply}>
        {request.status === 'closed' ? (
          <Notice tone="info" title={t('closedTitle')}>
            <p>{t('closedBody')}</p>
            <p>
              <Link href="/requests/new">{t('createNew')}</Link>
            </p>
          </Notice>
        ) : (
          <>
            <h2 id="reply-heading">{t('replyHeading')}</h2>
            <FormFailureBoundary what="reply" signInHref={signInHref(here)}>
              <ReplyForm
                // A fresh token means a fresh form: after a reply is sent, the next one starts empty.
                key={token}
                token={token}
                draftStorageKey={draftKey(requester.id, `reply:${request.id}`)}
                justSent={query.replied ? ownComments.at(-1)?.body : undefined}
                requestId={request.id}
                hint={request.status === 'solved' ? t('solvedHint') : undefined}
                {...replyProps}
              />
            </FormFailureBoundary>
          </>
        )}
      </section>
    </article>
  );
}
