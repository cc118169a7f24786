/**
 * A distribution of one metric (spec/1.1/performance.md, PERF-012): an HDR histogram (hdr-histogram-js, three
 * significant digits: relative error ≤ 0.1 %) for the percentiles, plus the exact count, sum, minimum and
 * maximum. Mergeable (PERF-021): two distributions add; one survives a JSON round trip exactly, through the
 * histogram's standard compressed encoding.
 */
import * as hdr from "hdr-histogram-js";
import type { Histogram } from "hdr-histogram-js";
import type { Distribution as Distribution$ } from "../../types/1.1/index.js";

/** A distribution as the perf-report schema writes it. */
export type DistributionJson = Distribution$;

export const PERCENTILES = [50, 90, 95, 99] as const;
/** Values are recorded as round(value × scale): ms at µs resolution, token rates at 1/1000. */
export const DEFAULT_SCALE = 1000;

let wasmReady = false;
/**
 * hdr-histogram-js's WebAssembly histograms record a value in about a third of the time of its JavaScript
 * ones (bench/bench.mjs: every inter-token gap is recorded, on the generator's hot path). The module is
 * bundled in the package: nothing is fetched.
 */
function newHistogram(): Histogram {
  if (!wasmReady) {
    hdr.initWebAssemblySync();
    wasmReady = true;
  }
  return hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, autoResize: true, useWebAssembly: true });
}

export class Distribution {
  private readonly histogram = newHistogram();
  private sum = 0;
  private low = Infinity;
  private high = -Infinity;
  count = 0;

  constructor(readonly scale = DEFAULT_SCALE) {}

  record(value: number): void {
    if (!Number.isFinite(value) || value < 0) return; // a negative duration is a clock bug, never data
    this.histogram.recordValue(Math.round(value * this.scale));
    this.count++;
    this.sum += value;
    if (value < this.low) this.low = value;
    if (value > this.high) this.high = value;
  }

  add(other: Distribution): void {
    if (other.scale !== this.scale) throw new Error(`cannot add distributions of scales ${this.scale} and ${other.scale}`);
    if (other.count === 0) return;
    this.histogram.add(other.histogram);
    this.count += other.count;
    this.sum += other.sum;
    this.low = Math.min(this.low, other.low);
    this.high = Math.max(this.high, other.high);
  }

  /** The exact sum of the values. */
  get total(): number {
    return this.sum;
  }

  get mean(): number | undefined {
    return this.count === 0 ? undefined : this.sum / this.count;
  }

  /** Nearest rank: the smallest recorded value with at least p % of the values at or below it, within [min, max]. */
  percentile(p: number): number | undefined {
    if (this.count === 0) return undefined;
    const v = this.histogram.getValueAtPercentile(p) / this.scale;
    return Math.min(this.high, Math.max(this.low, v));
  }

  /** (value, count) pairs of the histogram's buckets, ascending: for rank tests over whole distributions. */
  buckets(): [number, number][] {
    const out: [number, number][] = [];
    if (this.count === 0) return out;
    // Read back bucket by bucket from a JavaScript copy (the WebAssembly histogram does not expose its buckets).
    const h = hdr.decodeFromCompressedBase64(hdr.encodeIntoCompressedBase64(this.histogram), 64, false) as unknown as { getCountAtIndex(i: number): number; valueFromIndex(i: number): number; countsArrayLength: number; highestEquivalentValue(v: number): number; lowestEquivalentValue(v: number): number; medianEquivalentValue(v: number): number };
    for (let i = 0; i < h.countsArrayLength; i++) {
      const n = h.getCountAtIndex(i);
      if (n > 0) out.push([h.medianEquivalentValue(h.valueFromIndex(i)) / this.scale, n]);
    }
    return out;
  }

  toJSON(): DistributionJson {
    const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 1000) / 1000);
    const out: DistributionJson = { count: this.count, min: round(this.count ? this.low : undefined), max: round(this.count ? this.high : undefined), mean: round(this.mean), p50: null, p90: null, p95: null, p99: null };
    for (const p of PERCENTILES) out[`p${p}`] = round(this.percentile(p));
    // The exact sum rides along in the encoded histogram's tag, so that a merged mean stays exact.
    if (this.count > 0) {
      this.histogram.tag = `sum=${this.sum};min=${this.low};max=${this.high}`;
      out.histogram = { scale: this.scale, encoding: "hdr-compressed-base64", data: hdr.encodeIntoCompressedBase64(this.histogram) };
    }
    return out;
  }

  /** Back from a report; throws on a histogram that does not decode (the caller names the file). */
  static fromJSON(json: DistributionJson): Distribution {
    const d = new Distribution(json.histogram?.scale ?? DEFAULT_SCALE);
    if (json.count === 0 || !json.histogram) return d;
    const decoded = hdr.decodeFromCompressedBase64(json.histogram.data, 64, true);
    d.histogram.add(decoded);
    d.count = decoded.totalCount;
    const tag = /^sum=([^;]+);min=([^;]+);max=(.+)$/.exec(decoded.tag ?? "");
    if (tag) {
      d.sum = Number(tag[1]);
      d.low = Number(tag[2]);
      d.high = Number(tag[3]);
    } else {
      d.sum = (json.mean ?? decoded.mean / d.scale) * d.count;
      d.low = json.min ?? decoded.minNonZeroValue / d.scale;
      d.high = json.max ?? decoded.maxValue / d.scale;
    }
    if (d.count !== json.count) throw new Error(`the histogram holds ${d.count} values but count says ${json.count}`);
    return d;
  }
}
