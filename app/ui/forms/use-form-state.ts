import { useActionState } from 'react';

/**
 * The state of one of the portal's forms, as its server action returns it (errors, message, the
 * text typed). Every form takes it from here, so every form keeps it without JavaScript too.
 *
 * The permalink is the address the form posts to before JavaScript runs (React makes it the
 * form's `action`), and the key React gives an action's answer back under. For the sign-in form it
 * is the page itself: Next runs the action and renders the page again with its answer. The forms
 * that take files post to a route of their own instead (app/requests/form-post.ts), because Next
 * reads a server action's whole body into memory and refuses it beyond 1 MB: the route reads the
 * files as they arrive, and when the form did not go through, sends the browser back to the page
 * with the form's kept state, which the page hands in here as `initialState`.
 */
export function useFormState<State extends object>(action: (previous: State, formData: FormData) => Promise<State>, permalink: string, initialState?: State) {
  return useActionState<State, FormData>(action, (initialState ?? {}) as Awaited<State>, permalink);
}
