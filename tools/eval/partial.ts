import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { LisError, EXIT } from "../util/errors.js";
import type { ItemResult } from "./report.js";

/**
 * The partial results file next to a report (`<report>.partial.jsonl`): a header line naming the run,
 * then one item result per line, appended as items finish. A rerun with the same header continues where
 * the last one stopped; a truncated last line (the process was killed mid-write) is ignored.
 */
export interface PartialHeader {
  partial: "lis.eval";
  task: string;
  model: string;
  base_url: string;
  dataset: string;
  limit: number | null;
}

export const partialPathOf = (reportPath: string) => `${reportPath}.partial.jsonl`;

const sameRun = (a: PartialHeader, b: PartialHeader) =>
  a.task === b.task && a.model === b.model && a.base_url === b.base_url && a.dataset === b.dataset && a.limit === b.limit;

export class PartialResults {
  private constructor(
    readonly path: string,
    /** Results kept from an earlier run (scored items only: failed ones are tried again). */
    readonly resumed: Map<number, ItemResult>,
  ) {}

  static open(path: string, header: PartialHeader): PartialResults {
    const resumed = new Map<number, ItemResult>();
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (err) {
      throw new LisError(`cannot create the folder of ${path}: ${(err as Error).message}`, EXIT.USAGE);
    }
    if (existsSync(path)) {
      const lines = readFileSync(path, "utf8").split("\n");
      let previous: PartialHeader | undefined;
      try {
        previous = JSON.parse(lines[0]) as PartialHeader;
      } catch {
        /* unreadable header: handled below */
      }
      if (!previous || previous.partial !== "lis.eval") throw new LisError(`${path} exists but is not a lis eval partial results file; move it away or choose another --report`, EXIT.USAGE);
      if (!sameRun(previous, header)) {
        throw new LisError(
          `${path} holds partial results of another run (task ${previous.task}, model ${previous.model}, dataset ${previous.dataset.slice(0, 19)}…, limit ${previous.limit}); delete it to start over or choose another --report`,
          EXIT.USAGE,
        );
      }
      for (const line of lines.slice(1)) {
        if (!line.trim()) continue;
        try {
          const r = JSON.parse(line) as ItemResult;
          if (r.status === "scored" && Number.isInteger(r.index)) resumed.set(r.index, r);
        } catch {
          /* a line cut by an interruption */
        }
      }
      // Rewrite so that a cut last line cannot glue onto the next appended one.
      writeFileSync(path, [JSON.stringify(header), ...[...resumed.values()].map((r) => JSON.stringify(r))].join("\n") + "\n");
    } else {
      writeFileSync(path, JSON.stringify(header) + "\n");
    }
    return new PartialResults(path, resumed);
  }

  append(result: ItemResult): void {
    appendFileSync(this.path, JSON.stringify(result) + "\n");
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}
