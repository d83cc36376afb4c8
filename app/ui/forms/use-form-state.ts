import { useActionState } from 'react';

/**
 * The state of one of the portal's forms, as its server action returns it (errors, message, the
 * text typed). Every form takes it from here, so every form keeps it without JavaScript too.
 *
 * Without JavaScript the browser posts the form, and Next renders the page again with the action's
 * answer. React gives that answer back to the `useActionState` whose key matches the one the form
 * was rendered with. By default that key is the component's place in the tree, React keys
 * included, so a form that is keyed by something fresh on each render (the reply form is keyed by
 * its one-time token, so that a sent reply leaves an empty form) never matched: the page came back
 * with an empty box and no message. The permalink, the page the form is on, is the key instead:
 * the same on every render, and the address the form posts to before JavaScript runs.
 */
export function useFormState<State extends object>(action: (previous: State, formData: FormData) => Promise<State>, permalink: string) {
  return useActionState<State, FormData>(action, {} as Awaited<State>, permalink);
}
