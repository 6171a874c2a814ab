// The lexical pieces of HCL the writer needs: quoted strings, object keys and line comments. Every value written
// comes from Cloudflare (names, URLs, ids a user typed into the dashboard), so nothing here trusts its input: a string
// cannot end its quotes early or start an interpolation, and a comment cannot spill onto a second line.

/** A bare HCL identifier: a letter or underscore, then letters, digits, underscores and dashes. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Identifiers HCL reads as something else when they stand alone as an object key or a value. */
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'endfor', 'endif']);

export function isHclIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/**
 * Code points written as `\uNNNN` rather than as themselves: control characters (C0, DEL, C1), the Unicode line and
 * paragraph separators (some editors break lines at them) and the bidirectional controls (which can make text read
 * in another order than it parses). Escaping keeps the value exact; only its spelling changes.
 */
function mustEscape(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) || codePoint === 0x2028 || codePoint === 0x2029
    || (codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069) || codePoint === 0x200e || codePoint === 0x200f;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

function escapeCodePoint(char: string): string {
  const named = NAMED_ESCAPES[char];
  if (named) return named;
  const codePoint = char.codePointAt(0) ?? 0xfffd;
  // A lone surrogate has no UTF-8 form: the file could not hold it, so it becomes U+FFFD.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return '\\ufffd';
  if (mustEscape(codePoint)) return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return char;
}

/**
 * A quoted HCL string holding exactly `value`. Besides the usual backslash escapes, `${` and `%{` are doubled to
 * `$${` and `%%{`: HCL reads them as the start of an interpolation or a directive, even inside quotes.
 */
export function hclString(value: string): string {
  let out = '';
  for (const char of value) out += escapeCodePoint(char);
  // Replacement functions, not strings: in a replacement string "$$" means one "$".
  return `"${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

/** An object key: bare when it is a plain identifier, quoted otherwise (and for keywords, which a bare key would not be). */
export function hclKey(key: string): string {
  return isHclIdentifier(key) && !KEYWORDS.has(key) ? key : hclString(key);
}

/** Longest text a comment keeps from an untrusted value; the rest is cut with an ellipsis. */
const COMMENT_TEXT_LIMIT = 160;

/**
 * A one-line `#` comment. Anything that could end the line (a newline, a Unicode line separator, any control
 * character) or reorder what is shown (bidirectional controls) becomes a space, so the comment cannot turn the rest
 * of a name into HCL. `#` comments have no closing token, so a star-slash in a name ends nothing.
 */
export function hclComment(text: string): string {
  let clean = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    clean += mustEscape(codePoint) || (codePoint >= 0xd800 && codePoint <= 0xdfff) ? ' ' : char;
  }
  const chars = [...clean.trim()];
  const shown = chars.length > COMMENT_TEXT_LIMIT ? `${chars.slice(0, COMMENT_TEXT_LIMIT).join('')}…` : chars.join('');
  return `# ${shown}`;
}
