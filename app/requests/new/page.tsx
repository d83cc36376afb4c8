import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { newFormToken } from '@/lib/forms/form-token';
import { signInHref } from '@/lib/session/safe-next-path';
import { requireCaller } from '@/lib/session/session';
import { draftKey } from '../../ui/forms/draft-key';
import { FormFailureBoundary } from '../../ui/forms/form-failure';
import { formPageProps } from '../form-page';
import type { NewRequestState } from './actions';
import { NewRequestForm } from './new-request-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('newRequest'))('title') };
}

export default async function NewRequestPage({ searchParams }: PageProps<'/requests/new'>) {
  const { form } = await searchParams;
  const { requester } = await requireCaller(typeof form === 'string' ? `/requests/new?${new URLSearchParams({ form })}` : '/requests/new');
  const t = await getTranslations('newRequest');
  const formProps = await formPageProps<NewRequestState>(form, requester.id);
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{t('lead')}</p>
      <FormFailureBoundary what="request" signInHref={signInHref('/requests/new')}>
        <NewRequestForm token={newFormToken()} draftStorageKey={draftKey(requester.id, 'new-request')} {...formProps} />
      </FormFailureBoundary>
    </>
  );
}
