import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { newFormToken } from '@/lib/forms/form-token';
import { MAX_CCS } from '@/lib/forms/cc-input';
import { getHelpdesk } from '@/lib/helpdesk';
import { signInHref } from '@/lib/session/safe-next-path';
import { draftKey } from '../../ui/forms/draft-key';
import { ForgetDraft } from '../../ui/forms/forget-draft';
import { FormFailureBoundary } from '../../ui/forms/form-failure';
import { HelpdeskProblem } from '../../ui/helpdesk-problem';
import { Notice } from '../../ui/notice';
import { formPageProps } from '../form-page';
import { RequestLink } from '../request-link';
import { requestTitle } from '../request-title';
import type { ReplyState } from './actions';
import { Conversation } from './conversation';
import { loadRequest } from './load-request';
import { ReplyForm } from './reply-form';
import { RequestAnswers } from './request-answers';
import { RequestDetails } from './request-details';
import styles from './request.module.css';

export async function generateMetadata({ params }: PageProps<'/requests/[id]'>): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations('request');

  // The page's own read (cached), so the subject costs no second help desk call. Links to this page
  // never prefetch (../request-link.tsx): a prefetch renders the head, and would read the help desk.
  const { result } = await loadRequest(id);
  return { title: result.ok ? requestTitle(result.value, (n) => t('title', { id: n })) : t('title', { id }) };
}

export default async function RequestPage({ params, searchParams }: PageProps<'/requests/[id]'>) {
  const { id } = await params;
  const query = await searchParams;
  const t = await getTranslations('request');
  const { here, requester, result } = await loadRequest(id);
  const token = newFormToken();
  const replyProps = await formPageProps<ReplyState>(query.form, requester.id);
  // Copying people in, where the help desk takes CCs (lib/forms/cc-input.ts checks them).
  const ccMax = getHelpdesk().capabilities.ccs ? MAX_CCS : null;
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
            <ReplyForm key={token} token={token} draftStorageKey={draftKey(requester.id, `reply:${id}`)} requestId={id} {...replyProps} ccMax={ccMax} />
          </FormFailureBoundary>
        </section>
      </>
    );
  }
  const request = result.value;
  const ownComments = request.comments.filter((comment) => comment.author.role === 'you');
  const sent = Boolean(query.replied);
  const { followUpOf } = request;
  // Where the help desk lets this customer close it themselves (capabilities, then the request's own say).
  const canSolve = getHelpdesk().capabilities.solveRequests && request.canBeSolvedByMe;
  // A colleague's request, seen through the organization, takes replies only where it shares comments too.
  const readOnly = request.access === 'organization' && requester.organization?.sharedComments !== true;

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
      {query.solved ? (
        <Notice tone="success">{sent ? t('solvedWithReply') : t('solvedNotice')}</Notice>
      ) : sent ? (
        <Notice tone="success">{t('replied')}</Notice>
      ) : null}
      <p className={styles.back}>
        <Link href="/requests">{t('back')}</Link>
      </p>
      <header className={styles.header}>
        <h1 className={styles.title} dir="auto">{requestTitle(request, (n) => t('title', { id: n }))}</h1>
        {followUpOf !== null ? (
          <p className={styles.followUpOf}>
            {t.rich('followUpOf', { id: followUpOf, link: (chunks) => <RequestLink id={followUpOf}>{chunks}</RequestLink> })}
          </p>
        ) : null}
      </header>

      <RequestDetails request={request} />
      <RequestAnswers request={request} />

      <Conversation
        requestId={request.id}
        comments={request.comments}
        description={request.description}
        createdAt={request.createdAt}
        requester={request.requester}
        yourName={requester.name}
      />

      <section aria-labelledby="reply-heading" className={styles.reply}>
        {readOnly ? (
          <Notice tone="info" title={t('readOnlyTitle')}>
            <p>{t('readOnlyBody')}</p>
          </Notice>
        ) : request.status === 'closed' ? (
          <Notice tone="info" title={t('closedTitle')}>
            <p>{t('closedBody')}</p>
            {/* A follow-up carries the link to this request; an unrelated one is still a click away. */}
            <p className={styles.closedActions}>
              {/* A follow-up is of the customer's own request (the help desks refuse anyone else's). */}
              {request.access === 'requester' ? (
                <Link href={`/requests/new?${new URLSearchParams({ followUp: request.id })}`} className={styles.followUpButton}>
                  {t('createFollowUp')}
                </Link>
              ) : null}
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
                justSent={sent ? ownComments.at(-1)?.body : undefined}
                requestId={request.id}
                hint={request.status === 'solved' ? t('solvedHint') : undefined}
                {...replyProps}
                canSolve={canSolve}
                ccMax={ccMax}
              />
            </FormFailureBoundary>
          </>
        )}
      </section>
    </article>
  );
}
