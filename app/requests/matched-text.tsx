import { markWords, type SearchTerm } from './match-words';

/**
 * Text with the search's words in <mark>. Every piece is a React text node: whatever the help desk
 * sent (a snippet, a subject) is shown as text, never parsed as markup.
 */
export function MatchedText({ text, terms }: { text: string; terms: readonly SearchTerm[] }) {
  return (
    <>
      {markWords(text, terms).map((piece, index) => (piece.marked ? <mark key={index}>{piece.text}</mark> : piece.text))}
    </>
  );
}
