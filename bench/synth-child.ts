import { App } from "cdktf";
import { BUILDERS, type Implementation } from "./synth-workload";

/**
 * One synth run of the synth benchmark, in a fresh process: `node synth-child.js ours|plain
 * ROUTES OUTDIR`. Synthesizes the workload into OUTDIR and prints its peak RSS in bytes and its
 * CPU time; the
 * parent times the whole process, start-up included, as `cdktf synth` would run the app.
 */
const [implementation, routes, outdir] = process.argv.slice(2);
if (!(implementation in BUILDERS) || !(Number(routes) > 0) || !outdir) {
  process.stderr.write("Usage: synth-child.js ours|plain ROUTES OUTDIR\n");
  process.exit(2);
}
const app = new App({ outdir });
BUILDERS[implementation as Implementation](app, Number(routes));
app.synth();
// resourceUsage reports maxRSS in kilobytes and CPU time in microseconds.
const usage = process.resourceUsage();
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(`${JSON.stringify({ peakRss: usage.maxRSS * 1024, cpuSeconds })}\n`);
