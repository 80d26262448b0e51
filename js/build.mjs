// Bundles the widget for the Python package: src/index.ts -> widget.js, src/styles.css -> widget.css.
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

for (const f of ["widget.js", "widget.css"]) console.log(`${f}: ${statSync(out + f).size} bytes`);
