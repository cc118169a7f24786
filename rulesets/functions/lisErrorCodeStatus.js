/**
 * An error example whose `code` is one that LIS defines comes with a status that the LIS error-code
 * registry gives that code (spec/1.1/errors.md, "Error codes"): `model_not_found` with 404, not 400.
 * Codes LIS does not define are a server's own (ERR-009) and are not judged.
 * Options: `codes` maps each LIS code to its statuses. Given: an error response (4xx/5xx key).
 */
export default function lisErrorCodeStatus(response, options, context) {
  if (response === null || typeof response !== 'object') return;
  const status = Number(context.path[context.path.length - 1]);
  const results = [];
  for (const [mediaType, media] of Object.entries(response.content ?? {})) {
    if (!/^application\/json/i.test(mediaType) || media === null || typeof media !== 'object') continue;
    const examples = [];
    if (media.example !== undefined) examples.push([['example'], media.example]);
    for (const [name, example] of Object.entries(media.examples ?? {})) if (example && typeof example === 'object') examples.push([['examples', name, 'value'], example.value]);
    for (const [where, value] of examples) {
      const code = value?.error?.code;
      const statuses = typeof code === 'string' ? options?.codes?.[code] : undefined;
      if (statuses && !statuses.includes(status)) {
        results.push({
          message: `the example answers code "${code}" with status ${status}; LIS gives "${code}" status ${statuses.join(' or ')} (spec/1.1/errors.md#error-codes)`,
          path: [...context.path, 'content', mediaType, ...where, 'error', 'code'],
        });
      }
    }
  }
  return results;
}
