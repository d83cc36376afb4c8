import type { Requester } from '@/lib/helpdesk/types';
import { logOut } from '../login/actions';

/**
 * Who is signed in and the button that signs them out: in the site header and, compact, in the
 * embed bar. Each place brings its own look (`className` on the form, `whoClassName` on the name).
 */
export function LogOutForm({ requester, className, whoClassName }: { requester: Requester; className?: string; whoClassName?: string }) {
  return (
    <form action={logOut} className={className}>
      <span className={whoClassName} title={requester.email}>
        {requester.name || requester.email}
      </span>
      <button type="submit">Log out</button>
    </form>
  );
}
