import type { z } from 'zod';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { JsonPath } from './jsonLocations';

/**
 * What the editor shows in place of a write-only secret. Leaving it unchanged means "keep the stored secret";
 * it is never sent (the whole `config` is left out of the update when nothing in it changed).
 */
export const SECRET_PLACEHOLDER = '•••••• stored secret (write-only: leave as is to keep it)';

export interface EditProblem {
  readonly path: JsonPath;
  readonly message: string;
  /** Underline the property key rather than its value (read-only and unknown fields). */
  readonly onKey?: boolean;
}

export type UpdatePlan =
  | { readonly kind: 'problems'; readonly problems: readonly EditProblem[] }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'update'; readonly body: unknown; readonly changedFields: readonly string[] };

export type CreatePlan =
  | { readonly kind: 'problems'; readonly problems: readonly EditProblem[] }
  | { readonly kind: 'create'; readonly body: unknown };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality for JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function setPath(target: Json, path: readonly string[], value: unknown): void {
  let current = target;
  path.slice(0, -1).forEach((key) => {
    const next = current[key];
    if (!isObject(next)) current[key] = {};
    current = current[key] as Json;
  });
  const last = path[path.length - 1];
  if (last !== undefined) current[last] = value;
}

/** The JSON a live document shows: the server copy, with a placeholder where each write-only secret would be. */
export function toEditView<R extends ResourceBase>(family: FamilyDescriptor<R>, resource: R): Json {
  const view = structuredClone(resource) as unknown as Json;
  for (const dotted of family.writeOnlyFields(resource)) setPath(view, dotted.split('.'), SECRET_PLACEHOLDER);
  return view;
}

function zodProblems(error: z.ZodError, prefix: JsonPath = []): EditProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: `Unknown field "${key}": it is not part of this resource.`, onKey: true }));
    }
    return [{ path, message: issue.message }];
  }).flat();
}

/**
 * Decides what a save of a live document means: problems to show (nothing is sent), no change, or the body
 * for the family's update endpoint with only the fields that endpoint accepts.
 */
export function planUpdate<R extends ResourceBase>(family: FamilyDescriptor<R>, base: R, edited: unknown): UpdatePlan {
  if (!isObject(edited)) return { kind: 'problems', problems: [{ path: [], message: 'The document must be a JSON object.' }] };
  const baseView = toEditView(family, base);
  const problems: EditProblem[] = [];
  const editable = new Set(family.editableFields);
  for (const key of Object.keys(edited)) {
    if (editable.has(key)) continue;
    if (!Object.prototype.hasOwnProperty.call(baseView, key)) {
      problems.push({ path: [key], message: `Unknown field "${key}": it is not part of this ${family.singular}.`, onKey: true });
    } else if (!jsonEqual(edited[key], baseView[key])) {
      problems.push({ path: [key], message: `"${key}" is read-only: Cloudflare sets it. Undo this change to save.`, onKey: true });
    }
  }
  for (const key of Object.keys(baseView)) {
    if (!Object.prototype.hasOwnProperty.call(edited, key) && !editable.has(key)) {
      problems.push({ path: [], message: `"${key}" was removed; it is read-only and must stay as it was.` });
    }
  }

  const changedFields = family.editableFields.filter((f) => !jsonEqual(edited[f], baseView[f]));
  const body: Json = {};
  const fieldsToSend = family.updateMethod === 'PATCH' ? changedFields : family.editableFields;
  for (const field of fieldsToSend) if (Object.prototype.hasOwnProperty.call(edited, field)) body[field] = edited[field];

  problems.push(...secretProblems(family, base, edited, body));
  const flagged = new Set(problems.map((p) => JSON.stringify(p.path)));
  problems.push(...placeholderProblems(body).filter((p) => !flagged.has(JSON.stringify(p.path))));
  problems.push(...(family.checkEdit?.(base, edited, changedFields) ?? []));
  if (problems.length === 0 && changedFields.length === 0) return { kind: 'unchanged' };
  const parsed = family.schemas.update.safeParse(body);
  if (!parsed.success) problems.push(...zodProblems(parsed.error));
  if (problems.length > 0) return { kind: 'problems', problems };
  return { kind: 'update', body: parsed.data, changedFields };
}

/**
 * "Overwrite" after a conflict: makes the server equal to the document for every editable field, including fields
 * another writer changed and this user did not touch. The document is rebased onto the newer server copy (its
 * read-only fields, which the other write moved, are taken from the server) and the change is computed against
 * that copy, not against the copy the editor was opened from.
 */
export function planOverwrite<R extends ResourceBase>(family: FamilyDescriptor<R>, server: R, edited: unknown): UpdatePlan {
  if (!isObject(edited)) return planUpdate(family, server, edited);
  const rebased: Json = toEditView(family, server);
  for (const field of family.editableFields) {
    if (Object.prototype.hasOwnProperty.call(edited, field)) rebased[field] = edited[field];
    else delete rebased[field];
  }
  for (const key of Object.keys(edited)) {
    if (!Object.prototype.hasOwnProperty.call(rebased, key)) rebased[key] = edited[key]; // unknown fields stay problems
  }
  return planUpdate(family, server, rebased);
}

/** A changed object that holds write-only secrets must carry real ones: the placeholder cannot be sent. */
function secretProblems<R extends ResourceBase>(family: FamilyDescriptor<R>, base: R, edited: Json, body: Json): EditProblem[] {
  const variant = typeof edited.type === 'string' ? edited.type : undefined;
  const problems: EditProblem[] = [];
  // The secrets the edited document needs (an optional secret whose id field was removed is not needed).
  const merged = { ...(base as unknown as Json), ...edited } as unknown as R;
  for (const dotted of family.writeOnlyFields(merged, variant)) {
    const path = dotted.split('.');
    const top = path[0];
    if (top === undefined || !Object.prototype.hasOwnProperty.call(body, top)) continue; // unchanged: secret kept
    const value = getPath(edited, path);
    if (value === SECRET_PLACEHOLDER || value === undefined) {
      problems.push({ path, message: `Enter "${path[path.length - 1]}" again: "${top}" changed, and Cloudflare needs the whole ${top} with its secrets (it never sends them back).` });
    }
  }
  return problems;
}

/**
 * The placeholder is never a value to send, wherever it ended up: an optional secret whose id was removed, or a
 * live document's config pasted into a draft. Sending it would store the placeholder text as the secret.
 */
function placeholderProblems(value: unknown, path: (string | number)[] = []): EditProblem[] {
  if (value === SECRET_PLACEHOLDER) {
    return [{ path, message: 'This is the placeholder of a stored secret, not its value: enter the secret itself (Cloudflare never sends it back).' }];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => placeholderProblems(item, [...path, i]));
  if (isObject(value)) return Object.keys(value).flatMap((key) => placeholderProblems(value[key], [...path, key]));
  return [];
}

/** Decides what a save of a draft means: problems to show, or the body for the family's create endpoint. */
export function planCreate<R extends ResourceBase>(family: FamilyDescriptor<R>, draft: unknown): CreatePlan {
  if (!isObject(draft)) return { kind: 'problems', problems: [{ path: [], message: 'The document must be a JSON object.' }] };
  const problems = placeholderProblems(draft);
  const parsed = family.schemas.create.safeParse(draft);
  if (!parsed.success) problems.push(...zodProblems(parsed.error));
  if (problems.length > 0 || !parsed.success) return { kind: 'problems', problems };
  return { kind: 'create', body: parsed.data };
}
