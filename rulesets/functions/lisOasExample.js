import { oas } from '@stoplight/spectral-rulesets';

// Spectral's own example check (oas3-valid-schema-example, oas3-valid-media-example).
const oasExample = oas.rules['oas3-valid-schema-example'].then.function;

const copies = new WeakMap();
const resultsByDocument = new WeakMap();

/**
 * Spectral's example check, with two changes that leave its verdicts as they are:
 *
 * 1. It runs on a copy of the schema without nested `$id`s. In OpenAPI 3.1 a schema may `$ref` JSON Schema files
 *    that carry an `$id` (the LIS schemas do). Spectral inlines them, so one `$id` appears at several places and
 *    Ajv refuses to compile ("resolves to more than one schema"): every example is reported as invalid although
 *    it is valid. (Spectral's oasExample means to drop nested ids but deletes `id` where it finds `$id`.) Once the
 *    references are inlined the ids have no work left to do.
 * 2. Results are remembered per document by the content of what is checked: the same schema and examples at
 *    another place (common: `{type: string, default: auto}`) give the same findings, relative to their place,
 *    without cloning and compiling the schema again. On OpenAI's definition: 827 checks, 451 distinct.
 */
export default function lisOasExample(targetVal, options, context) {
  if (targetVal === null || typeof targetVal !== 'object') return oasExample(targetVal, options, context);
  let copy = copies.get(targetVal);
  if (copy === undefined) {
    copy = withoutNestedIds(targetVal, true, new Map());
    copies.set(targetVal, copy);
  }
  let key;
  try {
    key = `${options.type}|${options.schemaField}|${options.oasVersion}|${relaxation(options, context.path)}|${JSON.stringify(copy)}`;
  } catch {
    return oasExample(copy, options, context); // not serialisable (a cycle): Spectral reports it as it does
  }
  const inventory = context.documentInventory ?? context.document;
  let cache = resultsByDocument.get(inventory);
  if (cache === undefined) resultsByDocument.set(inventory, (cache = new Map()));
  const base = context.path;
  const known = cache.get(key);
  if (known !== undefined) return known.map((r) => ({ ...r, path: [...base, ...r.suffix] }));
  const results = oasExample(copy, options, context);
  if (Array.isArray(results) && results.every((r) => Array.isArray(r.path) && base.every((s, i) => r.path[i] === s))) {
    cache.set(key, results.map(({ path, ...rest }) => ({ ...rest, suffix: path.slice(base.length) })));
  }
  return results;
}

// What oasExample derives from the place of a media example: required members are relaxed for readOnly
// properties in requests and writeOnly ones in responses.
function relaxation(options, path) {
  if (options.type !== 'media') return '';
  const request = (path[0] === 'components' && path[1] === 'requestBodies') || (path[0] === 'paths' && path[3] === 'requestBody');
  const response = (path[0] === 'components' && path[1] === 'responses') || (path[0] === 'paths' && path[3] === 'responses');
  return `${request}${response}`;
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
