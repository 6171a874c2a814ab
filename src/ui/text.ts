/** Longest name shown in a dialog title, a notification or a tab; the full name is in the document itself. */
export const SHORT_NAME_LENGTH = 60;

/** A name cut to a readable length: names come from the API and may be very long. */
export function shortName(name: string, max = SHORT_NAME_LENGTH): string {
  const oneLine = name.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
