import { ClientMessages } from '../../ui/client-messages';

/** Everything under /requests/new, whatever it renders (a form coming back after a failure too), gets the catalog sections its client components use (lib/i18n/client-messages.ts). */
export default function NewRequestLayout({ children }: LayoutProps<'/requests/new'>) {
  return <ClientMessages part="newRequest">{children}</ClientMessages>;
}
