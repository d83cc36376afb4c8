/** The hidden field that carries a form's one-time token (lib/forms/form-token.ts), importable by client forms. */
export const FORM_TOKEN_FIELD = 'formToken';
