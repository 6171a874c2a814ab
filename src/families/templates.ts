// Placeholders in create templates: values a user must replace before a draft can be created. One convention for
// every family: a template writes `REPLACE_WITH_<WHAT>`, and the apply check refuses a draft that still holds one
// (sending it would create a broken integration).

const PREFIX = 'REPLACE_WITH_';

/** The placeholder for a template field: `REPLACE_WITH_CLIENT_SECRET`. */
export function placeholderFor(what: string): string {
  return `${PREFIX}${what.toUpperCase()}`;
}

/** Whether a template value was left unfilled (anywhere in the string, e.g. inside a URL). */
export function isUnfilledPlaceholder(value: string): boolean {
  return value.toUpperCase().includes(PREFIX);
}
