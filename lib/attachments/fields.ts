/**
 * The names files travel under in a form, shared by the file picker (app/ui/attachments/) and the
 * server that reads the form. No dependencies: client components import it too.
 */

/** A file already with the help desk: its seal (lib/attachments/receipt.ts), one field per file. */
export const UPLOAD_FIELD = 'upload';

/** The `<input type="file" multiple>` a form posts without JavaScript (with JavaScript each file is uploaded at once instead). */
export const FILES_FIELD = 'files';

/** Where the upload route lives: each file is sent there on its own, its name in the query. */
export const UPLOAD_ROUTE = '/requests/uploads';
