import { ClientMessages } from '../../ui/client-messages';

/** Everything under /requests/[id], whatever it renders (a form coming back after a failure too), gets the catalog sections its client components use (lib/i18n/client-messages.ts). */
export default function RequestLayout({ children }: LayoutProps<'/requests/[id]'>) {
  return <ClientMessages part="request">{children}</ClientMessages>;
}
