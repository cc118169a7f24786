/**
 * The conformance claim a run supports (spec/1.1/conventions.md, "Conformance claims"): the LIS version
 * and whether it is released, the class (server) and the profiles the report shows conformant, the tool
 * and its version, the run's date and the model; `lis conformance` prints it with the SHA-256 of the JSON
 * report it wrote. Pure: a report in, a claim out; a claim and a hash in, its text out.
 */

export type SpecStatus = "released" | "draft";

export interface ConformanceClaim {
  /** Whether the run supports a claim at all: every claim includes core, so core must be conformant. */
  made: boolean;
  /** Why no claim can be made, when `made` is false. */
  reason?: string;
  spec: string;
  specStatus: SpecStatus;
  class: "server";
  /** The profiles claimed: those whose verdict is conformant, in the report's order (core first). */
  profiles: string[];
  /** The profiles tested but not claimable, with their verdicts. */
  notClaimed: { profile: string; verdict: string }[];
  model: string;
  tool: { name: string; version: string };
  /** When the run started (UTC, ISO 8601): the date of the claim. */
  date: string;
}

/** What a claim is made from: the parts of a conformance report it reads. */
export interface ClaimSource {
  spec: string;
  tool: { name: string; version: string };
  target: { model: string };
  startedAt: string;
  profileVerdicts: { profile: string; verdict: string }[];
}

export function conformanceClaim(report: ClaimSource, specStatus: SpecStatus): ConformanceClaim {
  const profiles = report.profileVerdicts.filter((p) => p.verdict === "conformant").map((p) => p.profile);
  const notClaimed = report.profileVerdicts.filter((p) => p.verdict !== "conformant").map(({ profile, verdict }) => ({ profile, verdict }));
  const core = report.profileVerdicts.find((p) => p.profile === "core");
  const made = core?.verdict === "conformant";
  return {
    made,
    ...(made ? {} : { reason: core ? `core is ${core.verdict}, and every claim includes core` : "core was not tested, and every claim includes core" }),
    spec: report.spec,
    specStatus,
    class: "server",
    profiles: made ? profiles : [],
    notClaimed: made ? notClaimed : report.profileVerdicts.map(({ profile, verdict }) => ({ profile, verdict })),
    model: report.target.model,
    tool: { name: report.tool.name, version: report.tool.version },
    date: report.startedAt,
  };
}

/**
 * The claim as one paragraph for the console. `report` is the JSON report the run wrote and the SHA-256
 * of its bytes; without one the claim cannot be checked by a reader, and the text says how to get one.
 */
export function formatClaim(claim: ConformanceClaim, report?: { path: string; sha256: string }): string {
  const version = `LIS ${claim.spec}${claim.specStatus === "draft" ? " (draft)" : ""}`;
  if (!claim.made) return `Conformance claim: none — ${claim.reason}.\n`;
  const evidence = report ? `report sha256:${report.sha256} (${report.path})` : "no JSON report written: add --report json=FILE to publish the claim with its report's hash";
  const lines = [`Conformance claim: ${version} server: ${claim.profiles.join(", ")} — model ${claim.model}, ${claim.tool.name} ${claim.tool.version}, ${claim.date}, ${evidence}`];
  if (claim.notClaimed.length > 0) lines.push(`  not claimed: ${claim.notClaimed.map((p) => `${p.profile} (${p.verdict})`).join(", ")}`);
  return `${lines.join("\n")}\n`;
}
