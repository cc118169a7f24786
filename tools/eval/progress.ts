/** A one-line progress bar on stderr when it is a terminal; nothing otherwise (CI logs stay clean). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: () => {}, end: () => {} };
  let last = "";
  return {
    update({ done, total, failed }: { done: number; total: number; failed: number }) {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}${failed ? ` (${failed} failed)` : ""}`;
      if (line !== last) stream.write(`\r${line}`);
      last = line;
    },
    end() {
      if (last) stream.write("\n");
    },
  };
}
