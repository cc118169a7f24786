// Which LIS profiles an OpenAPI document claims, and where its standard endpoints are.

export const PROFILES = [
  'core', 'streaming', 'tools', 'structured-output', 'embeddings',
  'classification', 'model-metadata', 'multimodal', 'discovery', 'fine-tuning', 'reasoning',
];

/**
 * The document's paths keyed by their path relative to the LIS base URL: a prefix ending in `/v1` is dropped
 * (`/v1/models` and `/api/v1/models` are both `/models`) and template parameter names are erased
 * (`/models/{model_id}` is `/models/{}`), so that rules can look endpoints up by their standard path.
 */
export function endpointsOf(document) {
  const byPath = new Map();
  const paths = document && typeof document.paths === 'object' && document.paths !== null ? document.paths : {};
  for (const [key, item] of Object.entries(paths)) {
    byPath.set(normalizePath(key), { key, item });
  }
  return byPath;
}

export function normalizePath(path) {
  const match = /^(?:.*\/v1)?(\/.*)$/.exec(path);
  return (match ? match[1] : path).replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/';
}

/**
 * The profiles to check: the override (`lis lint --profile`) if given, else the document's `x-lis-profiles`
 * (at the top level or in `info`), else those its paths imply (core for /models or /chat/completions,
 * embeddings for /embeddings, classification for /classifications, discovery for /.well-known/lis,
 * fine-tuning for /fine_tuning/jobs). Claiming any profile claims core, which every profile builds on.
 */
export function claimedProfiles(document, override) {
  let claimed = Array.isArray(override) ? override : undefined;
  const declared = document?.['x-lis-profiles'] ?? document?.info?.['x-lis-profiles'];
  if (claimed === undefined && Array.isArray(declared)) claimed = declared.filter((p) => typeof p === 'string');
  if (claimed === undefined) {
    const endpoints = endpointsOf(document);
    claimed = [];
    if (endpoints.has('/models') || endpoints.has('/chat/completions')) claimed.push('core');
    if (endpoints.has('/embeddings')) claimed.push('embeddings');
    if (endpoints.has('/classifications')) claimed.push('classification');
    if (endpoints.has('/.well-known/lis')) claimed.push('discovery');
    if (endpoints.has('/fine_tuning/jobs')) claimed.push('fine-tuning');
  }
  if (claimed.length > 0 && !claimed.includes('core')) claimed = ['core', ...claimed];
  return claimed;
}
