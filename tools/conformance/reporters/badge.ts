/**
 * A badge (SVG, in the flat style of shields.io) for a README: "LIS 1.0 | core, streaming: conformant".
 * The profiles shown are the conformant ones; the colour says whether every claimed profile is. Pure.
 */
import type { ConformanceReport } from "../report.js";
import { xmlEscape } from "./junit.js";

/** Rough width of Verdana 11px text, enough for a badge (shields.io measures the same way). */
const textWidth = (text: string) => Math.round([...text].reduce((w, ch) => w + (/[il.,:;|!']/.test(ch) ? 3.5 : /[mwMW]/.test(ch) ? 10 : /[A-Z]/.test(ch) ? 7.5 : 6.5), 0)) + 10;

export function badgeText(report: ConformanceReport): { label: string; message: string; color: string } {
  const conformant = report.profileVerdicts.filter((p) => p.verdict === "conformant").map((p) => p.profile);
  const verdict = report.summary.verdict;
  const color = verdict === "conformant" ? "#4c1" : verdict === "incomplete" ? "#dfb317" : "#e05d44";
  const message = verdict === "conformant" ? `${conformant.join(", ")}: conformant` : conformant.length > 0 ? `${conformant.join(", ")} conformant; ${verdict.replace("-", " ")}` : verdict.replace("-", " ");
  return { label: `LIS ${report.spec}`, message, color };
}

export function renderBadge(report: ConformanceReport): string {
  const { label, message, color } = badgeText(report);
  const lw = textWidth(label);
  const mw = textWidth(message);
  const w = lw + mw;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${xmlEscape(`${label}: ${message}`)}">
<title>${xmlEscape(`${label}: ${message}`)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="14">${xmlEscape(label)}</text>
<text x="${lw + mw / 2}" y="14">${xmlEscape(message)}</text>
</g>
</svg>
`;
}
