// ESLint for the front end (`npm run lint`, run by tests/test_quality_ts.py): ESLint's and
// typescript-eslint's recommended rules, the type-aware ones included, on src/, tests/ and the
// build scripts. Type information comes from TypeScript 6 (the `typescript` package here is
// @typescript/typescript6, whose JS API typescript-eslint needs); `tsc` is TypeScript 7
// (@typescript/native), which type-checks the same tsconfig.json.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["node_modules/", "lab/lib/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_name` marks a parameter kept for its position (callbacks, overrides).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Off: cells and traits are JSON values typed `unknown`; String(v) is meant (badges.py mirrors it).
      "@typescript-eslint/no-base-to-string": "off",
      // The house limits (CONTRIBUTING.md): a longer function says why where it starts.
      "max-lines": ["error", { max: 400 }],
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests read parsed JSON (any), stand in for async APIs synchronously, and swap DOM methods.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-this-alias": "off",
      // A describe() callback is a group of tests, not a function to keep short.
      "max-lines-per-function": "off",
    },
  },
  {
    // The build scripts run in node, outside tsconfig.json.
    files: ["**/*.mjs"],
    languageOptions: {
      sourceType: "module",
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
  },
);
