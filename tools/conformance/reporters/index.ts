/**
 * Every report format of `lis conformance --report`, by name, each a pure function of the report (and, for
 * badges, of one profile). Loaded when used: badge-maker and marked are not for every `lis` start.
 */
import type { ConformanceReport } from "../report.js";

export type Render = (report: ConformanceReport, profile?: string) => string;

export const REPORT_FORMATS = {
  json: async () => (await import("./json.js")).renderJson,
  junit: async () => (await import("./junit.js")).renderJunit,
  markdown: async () => (await import("./markdown.js")).renderMarkdown,
  html: async () => (await import("./html.js")).renderHtml,
  badge: async () => (await import("./badge.js")).renderBadge,
  "badge-json": async () => (await import("./badge.js")).renderBadgeJson,
  "github-actions": async () => (await import("./github-actions.js")).renderGithubAnnotations,
  "matrix-row": async () => (await import("./matrix-row.js")).renderMatrixRow,
} satisfies Record<string, () => Promise<Render>>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

/** Formats written once per profile when their path holds `{profile}`. */
export const PER_PROFILE: ReadonlySet<string> = new Set(["badge", "badge-json"]);
