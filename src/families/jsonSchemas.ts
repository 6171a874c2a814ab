import * as z from 'zod';
import type { FamilyDescriptor } from './family';

// The JSON Schemas VS Code validates cfzt: documents with (`contributes.jsonValidation`), made from the
// same zod models the client validates with, so editor help and save-time checks cannot drift apart.
// Only scripts/gen-schemas.ts (build time) and the tests use this; the extension reads the written files.

export const SCHEMA_KINDS = ['create', 'update', 'resource', 'edit'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/** `<familyId>.<kind>.schema.json`, the names package.json's jsonValidation refers to. */
export function schemaFileName(familyId: string, kind: SchemaKind): string {
  return `${familyId}.${kind}.schema.json`;
}

/**
 * `z.literal(undefined).optional()` is how a model says "this property must be absent" (the device posture
 * PATCH branch that keeps the stored type); in JSON Schema that is `not: {}`. Anything else JSON Schema
 * cannot express throws: it must be noticed at build time, not silently turned into "anything goes".
 */
const expressAbsentProperty: z.core.UnrepresentableHandler = ({ zodSchema }) => {
  const onlyUndefined = zodSchema instanceof z.ZodLiteral && zodSchema.values.size === 1 && zodSchema.values.has(undefined);
  return onlyUndefined ? { not: {} } : 'throw';
};

/**
 * Draft-07, which VS Code's JSON language service understands best; `io: 'input'` because a document is
 * what a user types. Keys come out in the order the models declare them, so the text is reproducible.
 */
export function renderSchema(family: FamilyDescriptor, kind: SchemaKind): string {
  const { $schema, ...rest } = z.toJSONSchema(family.schemas[kind], {
    target: 'draft-07', io: 'input', unrepresentable: expressAbsentProperty, reused: 'inline',
  });
  const document = { $schema, $comment: `Generated from src/families (${family.id}) by scripts/gen-schemas.ts. Do not edit.`, ...rest };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Every schema file of every family: file name → text. */
export function renderAllSchemas(families: readonly FamilyDescriptor[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const family of families) {
    for (const kind of SCHEMA_KINDS) files.set(schemaFileName(family.id, kind), renderSchema(family, kind));
  }
  return files;
}
