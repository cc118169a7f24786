import { isObject, shapeOf, typesOf, typesOverlap } from './lib/schema-shape.js';

/**
 * Checks a request or response schema against the members LIS defines for it.
 * Options: `fields` maps a member (dotted for nested: `error.message`) to its JSON type(s) (`null`: any type);
 * `mode` is `response` (each member must be declared, required and of a compatible type: clients rely on it) or
 * `request` (each member must be accepted: not excluded by `additionalProperties: false`, of a compatible type).
 */
export default function lisSchemaFields(schema, options, context) {
  if (!isObject(schema)) return;
  const results = [];
  const response = options.mode === 'response';
  for (const [field, wanted] of Object.entries(options.fields ?? {})) {
    const names = field.split('.');
    let current = schema;
    let path = [...context.path];
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const shape = shapeOf(current);
      const member = shape.properties[name];
      const where = names.slice(0, i + 1).join('.');
      if (member === undefined) {
        if (shape.open) break; // oneOf/anyOf: cannot tell statically
        if (response) results.push({ message: `response schema does not declare "${where}"`, path });
        else if (shape.closed) results.push({ message: `request schema rejects "${where}" (additionalProperties: false and no such property)`, path });
        break;
      }
      if (response && !shape.required.has(name)) {
        results.push({ message: `response schema does not require "${where}"`, path: [...path, 'properties', name] });
      }
      path = [...path, 'properties', name];
      if (i === names.length - 1 && wanted !== null) {
        const declared = typesOf(member);
        const wantedTypes = Array.isArray(wanted) ? wanted : [wanted];
        if (declared !== null && !typesOverlap(declared, wantedTypes)) {
          results.push({ message: `"${where}" is declared as ${[...declared].join(' or ')}, but LIS defines it as ${wantedTypes.join(' or ')}`, path });
        }
      }
      current = member;
    }
  }
  return results;
}
