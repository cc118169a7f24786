// Reading what a (resolved) JSON Schema / OpenAPI schema object declares, as far as it can be known statically.
// Shared by the LIS functions; plain ES module without dependencies so that a stock Spectral CLI can bundle it.

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The properties, required names and additionalProperties of a schema, merging `allOf` branches.
 * `oneOf`/`anyOf` or an unresolved `$ref` make the shape unknowable here: `open` is then true and nothing is reported as missing.
 */
export function shapeOf(schema, depth = 0) {
  const shape = { properties: {}, required: new Set(), closed: false, open: false };
  if (!isObject(schema) || depth > 16) return { ...shape, open: true };
  if (isObject(schema.properties)) Object.assign(shape.properties, schema.properties);
  if (Array.isArray(schema.required)) for (const name of schema.required) shape.required.add(name);
  if (schema.additionalProperties === false) shape.closed = true;
  // oneOf/anyOf, and a $ref left unresolved (remote and not fetched, or circular), hide the shape.
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf) || typeof schema.$ref === 'string') shape.open = true;
  if (Array.isArray(schema.allOf)) {
    for (const branch of schema.allOf) {
      const inner = shapeOf(branch, depth + 1);
      for (const [name, value] of Object.entries(inner.properties)) if (!(name in shape.properties)) shape.properties[name] = value;
      for (const name of inner.required) shape.required.add(name);
      shape.closed ||= inner.closed;
      shape.open ||= inner.open;
    }
  }
  return shape;
}

/**
 * The JSON types a schema admits, or null when it does not say (no `type`, `const` or `enum` anywhere we look).
 * `integer` is reported as itself; callers treat `number` as admitting integers.
 */
export function typesOf(schema, depth = 0) {
  if (!isObject(schema) || depth > 16) return null;
  const types = new Set();
  if (typeof schema.type === 'string') types.add(schema.type);
  else if (Array.isArray(schema.type)) for (const t of schema.type) types.add(t);
  else if ('const' in schema) types.add(jsonType(schema.const));
  else if (Array.isArray(schema.enum)) for (const v of schema.enum) types.add(jsonType(v));
  else {
    const branches = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(branches)) {
      for (const branch of branches) {
        const inner = typesOf(branch, depth + 1);
        if (inner === null) return null;
        for (const t of inner) types.add(t);
      }
    } else if (Array.isArray(schema.allOf)) {
      for (const branch of schema.allOf) {
        const inner = typesOf(branch, depth + 1);
        if (inner !== null) return inner;
      }
      return null;
    } else {
      return null;
    }
  }
  if (schema.nullable === true) types.add('null'); // OpenAPI 3.0
  return types;
}

export function jsonType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether a schema admitting `declared` types can carry a value of one of the `wanted` types. */
export function typesOverlap(declared, wanted) {
  for (const t of wanted) {
    if (declared.has(t)) return true;
    if (t === 'integer' && declared.has('number')) return true;
    if (t === 'number' && declared.has('integer')) return true;
  }
  return false;
}

export { isObject };
