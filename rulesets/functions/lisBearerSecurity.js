/**
 * A document that declares authentication offers HTTP bearer authentication (`Authorization: Bearer <key>`,
 * HTTP-016) in every security requirement it applies, globally or per operation.
 */
export default function lisBearerSecurity(document) {
  if (document === null || typeof document !== 'object') return;
  const schemes = document.components?.securitySchemes ?? {};
  const isBearer = (name) => {
    const scheme = schemes[name];
    return scheme && scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer';
  };
  // A list of requirement objects is satisfied by any one of them; an empty object means "no authentication".
  const acceptsBearer = (requirements) =>
    requirements.some((requirement) => requirement && typeof requirement === 'object' && (Object.keys(requirement).length === 0 || Object.keys(requirement).some(isBearer)));
  const results = [];
  if (Array.isArray(document.security) && document.security.length > 0 && !acceptsBearer(document.security)) {
    results.push({ message: 'the global security requirement does not offer an HTTP bearer scheme (type: http, scheme: bearer)', path: ['security'] });
  }
  for (const [key, item] of Object.entries(document.paths ?? {})) {
    if (!item || typeof item !== 'object') continue;
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      const security = item[method]?.security;
      if (Array.isArray(security) && security.length > 0 && !acceptsBearer(security)) {
        results.push({ message: `${method.toUpperCase()} ${key} requires authentication without offering an HTTP bearer scheme`, path: ['paths', key, method, 'security'] });
      }
    }
  }
  if (results.length === 0 && Object.keys(schemes).length > 0 && !Object.keys(schemes).some(isBearer)) {
    results.push({ message: 'securitySchemes declares no HTTP bearer scheme (type: http, scheme: bearer)', path: ['components', 'securitySchemes'] });
  }
  return results;
}
