import type { Metadata } from 'next';
import { newFormToken } from '@/lib/forms/form-token';
import { signInHref } from '@/lib/session/safe-next-path';
import { requireCaller } from '@/lib/session/session';
import { draftKey } from '../../ui/forms/draft-key';
import { FormFailureBoundary } from '../../ui/forms/form-failure';
import { NewRequestForm } from './new-request-form';

export const metadata: Metadata = { title: 'New request' };

export default async function NewRequestPage() {
  const { requester } = await requireCaller('/requests/new');
  return (
    <>
      <h1>New request</h1>
      <p>Tell us what you need help with. We’ll reply here and by email.</p>
      <FormFailureBoundary what="request" signInHref={signInHref('/requests/new')}>
        <NewRequestForm token={newFormToken()} draftStorageKey={draftKey(requester.id, 'new-request')} />
      </FormFailureBoundary>
    </>
  );
}
