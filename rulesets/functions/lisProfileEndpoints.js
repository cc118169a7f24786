import { claimedProfiles, endpointsOf } from './lib/profiles.js';

/**
 * Every endpoint of every claimed profile is present at its standard path and method (HTTP-001).
 * Options: `endpoints` maps a profile to `["GET /models", ...]`; `profiles` (null: what the document claims).
 */
export default function lisProfileEndpoints(document, options) {
  if (document === null || typeof document !== 'object') return;
  const endpoints = endpointsOf(document);
  // Each endpoint once, with every claimed profile that needs it.
  const needed = new Map();
  for (const profile of claimedProfiles(document, options?.profiles ?? undefined)) {
    for (const endpoint of options?.endpoints?.[profile] ?? []) needed.set(endpoint, [...(needed.get(endpoint) ?? []), profile]);
  }
  const results = [];
  {
    for (const [endpoint, profiles] of needed) {
      const [method, path] = endpoint.split(' ');
      const profile = profiles.join('", "');
      const found = endpoints.get(path.replace(/\{[^}]*\}/g, '{}'));
      if (found === undefined) {
        results.push({ message: `profile${profiles.length > 1 ? "s" : ""} "${profile}" require${profiles.length > 1 ? "" : "s"} ${method} ${path} (below a base URL ending in /v1), but the document has no such path`, path: ['paths'] });
      } else if (!found.item || typeof found.item !== 'object' || !(method.toLowerCase() in found.item)) {
        results.push({ message: `profile${profiles.length > 1 ? "s" : ""} "${profile}" require${profiles.length > 1 ? "" : "s"} ${method} ${path}, but ${found.key} has no ${method.toLowerCase()} operation`, path: ['paths', found.key] });
      }
    }
  }
  return results;
}
