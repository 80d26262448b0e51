// Builds the prebuilt JupyterLab extension shipped in the wheel:
//   1. esbuild bundles src/lab/plugin.ts (and the shared view, model and store) into lab/lib/,
//      leaving @jupyterlab/*, @lumino/*, yjs, @jupyter/ydoc and @jupyter/collaborative-drive to
//      JupyterLab's module federation (shared singletons at run time);
//   2. @jupyter/builder turns lab/ into a federated extension in
//      ../src/journey_widget/labextension/ (installed by the wheel as
//      share/jupyter/labextensions/journey-widget), against @jupyterlab/core-meta's metadata.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const require = createRequire(import.meta.url);
const common = { bundle: true, target: "es2020", logLevel: "warning", legalComments: "none" };

await build({
  ...common,
  entryPoints: [here("../src/lab/plugin.ts")],
  outfile: here("lib/index.js"),
  format: "esm",
  // Shared at run time, never a second copy: yjs and @jupyter/ydoc are JupyterLab's singletons
  // (two yjs copies break sync), @jupyter/collaborative-drive's token must be the instance
  // jupyter-collaboration provides (lab/package.json sharedPackages: bundled as a fallback
  // for a JupyterLab without it, where the optional token then has no provider).
  external: ["@jupyterlab/*", "@lumino/*", "@jupyter/ydoc", "@jupyter/collaborative-drive", "yjs", "y-protocols/*", "lib0/*"],
});
await build({ ...common, entryPoints: [here("../src/lab/style.css")], outfile: here("lib/style.css") });

const builder = join(dirname(require.resolve("@jupyter/builder/package.json")), "lib", "build-labextension.js");
const core = join(dirname(require.resolve("@jupyterlab/core-meta/package.json")), "core.package.json");
const run = spawnSync(process.execPath, [builder, "--core-package-file", core, here(".")], { encoding: "utf8", cwd: here(".") });
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  process.exit(run.status ?? 1);
}

// How `jupyter labextension list` names the Python package that installed the extension.
copyFileSync(here("install.json"), here("../../src/journey_widget/labextension/install.json"));

const out = here("../../src/journey_widget/labextension/static/");
const files = readdirSync(out).filter((f) => f.endsWith(".js"));
const total = files.reduce((n, f) => n + statSync(out + f).size, 0);
console.log(`labextension: ${files.length} files, ${total} bytes of JavaScript (static/)`);
