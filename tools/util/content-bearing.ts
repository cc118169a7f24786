/**
 * A content-bearing chunk (spec/1.1/performance.md, Terms): some choice's delta carries a non-empty
 * `content`, a non-empty `reasoning_content` or a `tool_calls` entry. The role chunk (`"content": ""`), the
 * finishing chunk and the usage chunk are not. One definition for the reference server's pacing, the
 * conformance check of PERF-023 and lis bench's TTFT and ITL.
 */
export function isContentBearing(chunk: unknown): boolean {
  const choices = (chunk as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices)) return false;
  for (const choice of choices) {
    const delta = (choice as { delta?: Record<string, unknown> } | null)?.delta;
    if (typeof delta !== "object" || delta === null) continue;
    if (typeof delta.content === "string" && delta.content !== "") return true;
    if (typeof delta.reasoning_content === "string" && delta.reasoning_content !== "") return true;
    if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) return true;
  }
  return false;
}
