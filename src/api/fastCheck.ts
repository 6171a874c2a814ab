import * as z from 'zod';

// Lists checked without zod building a copy of them. A refresh validates lists of tens of thousands of items, and
// zod's parse builds a fresh copy of every object (every known and unknown key of a loose object) only for the copy to
// be thrown away: these schemas never change anything. zod 4.6 ships its own compiler, `z.compile(schema)`, whose
// clone's `.validate(value)` runs a generated assert-only validator that checks without building the list or its items
// (zod 4.6.7 still copies an object nested under .optional()/.nullish(), such as a posture integration's config, which
// is why a list may check such objects apart, with compiledCheck); where it says yes, the value the server sent is the
// result, as it came.
//
// Why it is sound: accepting or rejecting is zod's own decision. zod keeps its compiled validator in agreement with its
// parser (a schema it cannot model is handed back uncompiled, and a validator "no" that is not definite re-runs the
// runtime), and any "no" goes to the real parse, whose issues (message, path, code) are reported as zod reported them.
//
// The one condition: only for schemas without transforms, defaults, catch, coercion, strip objects meeting unknown keys
// or other output-changing parts, i.e. where zod's output deep-equals its input (also: no unknown/any field named after
// an Object.prototype member, which zod reads through the prototype and copies). The list schemas it is used with are
// loose objects of plain fields, for which that holds. One known difference remains, inert either way: on the fast path
// the server's object is kept as it came, so an own `__proto__` key that JSON.parse made stays (zod's copy drops it).
// (Values JSON.parse cannot make, such as class instances, null-prototype objects or sparse arrays, keep their
// prototypes and holes where zod would hand back plain copies, and an enumerable key someone put on Object.prototype
// stays inherited where zod would copy it; an API answer in a sound process holds neither.)
//
// zod's compiler writes its validators with `new Function`: fine in the Node extension host (no CSP); where that is
// unavailable, z.compile hands the schema back uncompiled and fastChecked returns it as it is.

/**
 * `schema` with `accept` tried first: where it says true the value itself is the output (no copy); otherwise
 * `schema` decides, and its data, or its issues (code, message and path as zod reported them), are the result.
 * `accept` must be true only where `schema` accepts the value and would return it unchanged (deep-equal).
 */
export function checkedWith<S extends z.ZodType>(schema: S, accept: (value: unknown) => boolean): z.ZodType<z.output<S>> {
  const checked = z.unknown().transform((value, ctx): z.output<S> => {
    if (accept(value)) return value as z.output<S>;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    // A copy: addIssue fills in what the issue lacks (input, inst) on the object it is given.
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });
  // As an object field, an optional schema may be absent; the wrapper (a pipe from unknown) would require it. Its
  // output type gains nothing: an optional schema's output already includes undefined.
  return schema._zod.optin === 'optional' ? (checked.optional() as z.ZodType<z.output<S>>) : checked;
}

/**
 * `schema`, checked first by zod's compiled validator (built once, here); see the top of this file for when that is
 * allowed. A schema zod's compiler cannot model is returned as it is: correct, only not faster.
 */
export function fastChecked<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>> {
  const check = compiledCheck(schema);
  return check ? checkedWith(schema, check) : (schema as z.ZodType<z.output<S>>);
}

/** zod's compiled check of `schema` (built once, here), or undefined where zod's compiler cannot model it. */
export function compiledCheck(schema: z.ZodType): ((value: unknown) => boolean) | undefined {
  const compiled = z.compile(schema);
  return compiled === schema ? undefined : (value) => compiled.validate(value);
}
