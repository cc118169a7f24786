/**
 * Badges for a README, drawn by badge-maker (the library behind shields.io): "LIS 1.0 | conformant",
 * "LIS 1.0 | tools failing", "LIS 1.0 | 3 profiles failing". The message names the profiles with the worst
 * verdict while the badge stays within MAX_WIDTH, else counts them; the tooltip always names them. Per
 * profile on request ("LIS 1.0 tools | conformant"), and as shields.io endpoint JSON. Pure.
 */
import { makeBadge } from "badge-maker";
import type { ConformanceReport } from "../report.js";
import { BADGE_COLOR, PROFILE_VERDICTS, styleOf, worst } from "./statuses.js";

/** Shields-size: a badge wider than this does not sit on a README line beside others. */
export const MAX_WIDTH = 200;

export interface BadgeText {
  label: string;
  message: string;
  /** A colour name that badge-maker and shields.io both know. */
  color: string;
  /** Every profile with its verdict, for the tooltip. */
  title: string;
}

const draw = (b: Pick<BadgeText, "label" | "message" | "color">) => makeBadge({ label: b.label, message: b.message, color: b.color, style: "flat" });
export const svgWidth = (svg: string) => Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? NaN);

/** What the badge of the whole run (or of one `profile`) says. */
export function badgeText(report: ConformanceReport, profile?: string): BadgeText {
  const verdicts = profile === undefined ? report.profileVerdicts : report.profileVerdicts.filter((p) => p.profile === profile);
  if (verdicts.length === 0) throw new Error(`no verdict for profile ${profile}`);
  const title = `LIS ${report.spec}: ${verdicts.map((p) => `${p.profile} ${styleOf(PROFILE_VERDICTS, p.verdict).label}`).join(", ")}`;
  const verdict = worst(PROFILE_VERDICTS, verdicts.map((p) => p.verdict))!;
  const style = PROFILE_VERDICTS[verdict] ?? { ...styleOf(PROFILE_VERDICTS, verdict), badge: verdict };
  const color = BADGE_COLOR[style.tone];
  if (profile !== undefined) return { label: `LIS ${report.spec} ${profile}`, message: style.badge, color, title };
  if (verdicts.every((p) => p.verdict === verdict)) return { label: `LIS ${report.spec}`, message: style.badge, color, title };
  const named = verdicts.filter((p) => p.verdict === verdict).map((p) => p.profile);
  const label = `LIS ${report.spec}`;
  const byName = `${named.join(", ")} ${style.badge}`;
  const message = svgWidth(draw({ label, message: byName, color })) <= MAX_WIDTH ? byName : `${named.length} profile${named.length === 1 ? "" : "s"} ${style.badge}`;
  return { label, message, color, title };
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderBadge(report: ConformanceReport, profile?: string): string {
  const b = badgeText(report, profile);
  // badge-maker's tooltip repeats the text; ours names every profile's verdict.
  return `${draw(b).replace(/<title>[^<]*<\/title>/, `<title>${escapeXml(b.title)}</title>`)}\n`;
}

/** shields.io's endpoint badge (https://shields.io/badges/endpoint-badge): host the file, point shields at it. */
export function renderBadgeJson(report: ConformanceReport, profile?: string): string {
  const b = badgeText(report, profile);
  return `${JSON.stringify({ schemaVersion: 1, label: b.label, message: b.message, color: b.color }, null, 2)}\n`;
}
