import { ClientMessages } from '../ui/client-messages';

/** Everything under /login, whatever it renders (a form coming back after a failure too), gets the catalog sections its client components use (lib/i18n/client-messages.ts). */
export default function SignInLayout({ children }: LayoutProps<'/login'>) {
  return <ClientMessages part="signIn">{children}</ClientMessages>;
}
