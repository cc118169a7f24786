import { oas } from '@stoplight/spectral-rulesets';

// Spectral's own example check (oas3-valid-schema-example, oas3-valid-media-example).
const oasExample = oas.rules['oas3-valid-schema-example'].then.function;

const copies = new WeakMap();

/**
 * Spectral's example check, run on a copy of the schema without nested `$id`s.
 *
 * Why: in OpenAPI 3.1 a schema may `$ref` JSON Schema files that carry an `$id` (the LIS schemas do). Spectral
 * inlines them, so one `$id` appears at several places of the inlined schema, and Ajv then refuses to compile it
 * ("resolves to more than one schema"): every example is reported as invalid, although it is valid. Spectral's
 * oasExample means to drop nested ids but deletes `id` where it finds `$id`. Once the references are inlined the
 * ids have no work left to do, so removing them changes no verdict. Copies are cached per schema object.
 */
export default function lisOasExample(targetVal, options, context) {
  if (targetVal === null || typeof targetVal !== 'object') return oasExample(targetVal, options, context);
  let copy = copies.get(targetVal);
  if (copy === undefined) {
    copy = withoutNestedIds(targetVal, true, new Map());
    copies.set(targetVal, copy);
  }
  return oasExample(copy, options, context);
}

function withoutNestedIds(value, isRoot, seen) {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value); // inlined references can be circular
  const out = Array.isArray(value) ? [] : {};
  seen.set(value, out);
  for (const [key, child] of Object.entries(value)) {
    if (key === '$id' && !isRoot && typeof child === 'string') continue;
    out[key] = withoutNestedIds(child, false, seen);
  }
  return out;
}
