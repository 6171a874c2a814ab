/**
 * Removes every occurrence of the given secrets from a text. Applied to anything that came from the
 * network or a low-level library before it becomes part of an error, in case a server echoes a header.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}
