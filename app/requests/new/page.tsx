import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { newFormToken } from '@/lib/forms/form-token';
import { signInHref } from '@/lib/session/safe-next-path';
import { requireCaller } from '@/lib/session/session';
import { draftKey } from '../../ui/forms/draft-key';
import { FormFailureBoundary } from '../../ui/forms/form-failure';
import { helpdeskErrorMessage } from '../../ui/helpdesk-messages';
import { Notice } from '../../ui/notice';
import { formPageProps } from '../form-page';
import { RequestLink } from '../request-link';
import type { NewRequestState } from './actions';
import { followUpSource } from './follow-up';
import { NewRequestForm } from './new-request-form';
import { FormPicker } from './form-picker';
import { fieldsStep, TICKET_FORM_PARAM } from './request-fields';
import { newRequestPage } from './send-request';
import { readHelpdesk } from '@/lib/session/read-helpdesk';
import { HelpdeskProblem } from '../../ui/helpdesk-problem';
import { MAX_CCS } from '@/lib/forms/cc-input';
import { getHelpdesk } from '@/lib/helpdesk';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('newRequest'))('title') };
}

export default async function NewRequestPage({ searchParams }: PageProps<'/requests/new'>) {
  const { followUp, form, [TICKET_FORM_PARAM]: ticketForm } = await searchParams;
  const followUpId = typeof followUp === 'string' && followUp !== '' ? followUp : null;
  const ticketFormId = typeof ticketForm === 'string' && /^\d+$/.test(ticketForm) ? ticketForm : null;
  // The page the form is on, link included: a form posted without JavaScript comes back here.
  const here = newRequestPage(followUpId, ticketFormId);
  // Signing in again comes back to the kept form too (app/requests/form-post.ts).
  const { caller, requester } = await requireCaller(typeof form === 'string' ? `${here}${followUpId === null ? '?' : '&'}${new URLSearchParams({ form })}` : here);
  const formProps = await formPageProps<NewRequestState>(form, requester.id);
  const step = await readHelpdesk(() => fieldsStep(caller, ticketFormId), here);
  const t = await getTranslations();
  const source = followUpId === null ? null : await followUpSource(caller, followUpId, here, (id) => t('request.title', { id }));
  return (
    <>
      <h1>{t('newRequest.heading')}</h1>
      <p>{t('newRequest.lead')}</p>
      {source?.kind === 'not-found' ? <Notice tone="info">{t('newRequest.followUpNotFound', { id: source.id })}</Notice> : null}
      {source?.kind === 'not-closed' ? (
        <Notice tone="info">
          {t.rich('newRequest.followUpNotClosed', { id: source.id, link: (chunks) => <RequestLink id={source.id}>{chunks}</RequestLink> })}
        </Notice>
      ) : null}
      {source?.kind === 'unreachable' ? (
        <Notice tone="error">
          <p>{helpdeskErrorMessage(t, source.error)}</p>
          <p>
            {t.rich('newRequest.followUpUnreachable', {
              id: source.id,
              link: (chunks) => (
                <Link href={here} prefetch={false}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </Notice>
      ) : null}
      {!step.ok ? <HelpdeskProblem error={step.error} retryHref={here} /> : null}
      {step.ok && step.value.kind === 'choose' ? (
        <FormPicker forms={step.value.forms} followUpId={followUpId} />
      ) : (
      <FormFailureBoundary what="request" signInHref={signInHref(here)}>
        <NewRequestForm
          fields={step.ok && step.value.kind === 'form' ? step.value.fields : []}
          ticketForm={step.ok && step.value.kind === 'form' && step.value.form && step.value.forms.length > 1 ? { ...step.value.form, changeHref: newRequestPage(followUpId, null) } : undefined}
          ticketFormId={step.ok && step.value.kind === 'form' ? (step.value.form?.id ?? null) : null}
          token={newFormToken()}
          draftStorageKey={draftKey(requester.id, 'new-request')}
          followUp={source?.kind === 'linked' ? { id: source.id, title: source.title } : undefined}
          {...formProps}
          ccMax={getHelpdesk().capabilities.ccs ? MAX_CCS : null}
        />
      </FormFailureBoundary>
      )}
    </>
  );
}
