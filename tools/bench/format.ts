/** Number formatting shared by the text reporters (console, Markdown, HTML). */
export const fmt = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined || !Number.isFinite(v) ? "–" : v >= 1000 ? Math.round(v).toLocaleString("en-US") : v.toFixed(digits));

export const levelName = (method: string) => (method === "open" ? "rate (req/s)" : "concurrency");

/** Remarks a reader must see beside the numbers of a point: what makes them less trustworthy or incomplete. */
export function pointWarnings(point: { level: number; requests: { failed: number; sent: number }; tokens: { counted_from_events: number; output: { mean: number | null; max: number | null } }; client?: { saturated?: boolean; event_loop_delay_p99_ms?: number } }, outputTokens?: number): string[] {
  const out: string[] = [];
  if (point.requests.failed > 0) out.push(`${point.requests.failed} of ${point.requests.sent} requests failed`);
  if (point.client?.saturated) out.push(`the client was busy (event-loop delay p99 ${point.client.event_loop_delay_p99_ms} ms): its latencies may include its own queueing (PERF-022)`);
  if (point.tokens.counted_from_events > 0) out.push(`${point.tokens.counted_from_events} response(s) had no usage: their output tokens are counted as content events (PERF-007)`);
  const mean = point.tokens.output.mean;
  const max = point.tokens.output.max;
  if (outputTokens !== undefined && max !== null && max > outputTokens) out.push(`answers had up to ${fmt(max, 0)} output tokens, more than the ${outputTokens} asked for: the server does not honour max_completion_tokens`);
  if (outputTokens !== undefined && mean !== null && mean < outputTokens * 0.9) out.push(`answers averaged ${fmt(mean)} output tokens of the ${outputTokens} asked for: the server stopped early (see --ignore-eos)`);
  return out;
}
