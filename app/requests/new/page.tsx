import type { Metadata } from 'next';
import { requireCaller } from '@/lib/session';
import { NewRequestForm } from './new-request-form';

export const metadata: Metadata = { title: 'New request' };

export default async function NewRequestPage() {
  await requireCaller('/requests/new');
  return (
    <>
      <h1>New request</h1>
      <p>Tell us what you need help with. We’ll reply here and by email.</p>
      <NewRequestForm />
    </>
  );
}
