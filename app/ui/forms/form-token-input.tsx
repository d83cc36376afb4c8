import { FORM_TOKEN_FIELD } from '@/lib/forms/form-token-field';

/**
 * The form's one-time token (lib/forms/form-token.ts). The same token on every retry of this text:
 * the server sends it to the help desk once however often it arrives.
 */
export function FormTokenInput({ token }: { token: string }) {
  return <input type="hidden" name={FORM_TOKEN_FIELD} value={token} />;
}
