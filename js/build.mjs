// Bundles the widget for the Python package: src/index.ts -> widget.js, src/styles.css -> widget.css,
// and the compare view: src/compare.ts -> compare.js, src/compare.css -> compare.css.
import { build } from "esbuild";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const out = here("../src/journey_widget/static/");
const common = { bundle: true, minify: true, target: "es2020", logLevel: "warning", legalComments: "none" };

await build({
  ...common,
  entryPoints: [here("src/index.ts")],
  outfile: `${out}widget.js`,
  format: "esm",
  define: { "define.amd": "false" },
});
await build({ ...common, entryPoints: [here("src/styles.css")], outfile: `${out}widget.css` });
// The compare view (jw.compare): its own entry, so the map widget's bundle does not grow.
await build({
  ...common,
  entryPoints: [here("src/compare.ts")],
  outfile: `${out}compare.js`,
  format: "esm",
  define: { "define.amd": "false" },
});
await build({ ...common, entryPoints: [here("src/compare.css")], outfile: `${out}compare.css` });

for (const f of ["widget.js", "widget.css", "compare.js", "compare.css"]) console.log(`${f}: ${statSync(out + f).size} bytes`);
