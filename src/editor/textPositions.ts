// Offsets in a text to editor positions, the way VS Code counts them (used to place diagnostics on JSON ranges).

/** 0-based line/character for an offset (UTF-16 code units, as VS Code positions are). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  // Clamped like VS Code's TextDocument.positionAt, so a stale offset still lands somewhere sensible.
  let end = offset > 0 ? Math.min(Math.floor(offset), text.length) : 0;
  // Between the \r and \n of a CRLF is not a real position; VS Code puts it at the end of that line.
  if (end > 0 && text.charCodeAt(end - 1) === 0x0d && text.charCodeAt(end) === 0x0a) end--;
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    // \n, \r\n and a lone \r all end a line, as in VS Code; the \r of a CRLF is counted at its \n.
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}
