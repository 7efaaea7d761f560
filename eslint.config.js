// One lint configuration for the whole project: TypeScript, Svelte, Convex rules and promise
// hygiene. `npm test` runs it with --max-warnings 0.
import js from "@eslint/js";
import convexPlugin from "@convex-dev/eslint-plugin";
import promise from "eslint-plugin-promise";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";
import svelteConfig from "./svelte.config.js";

export default ts.config(
  {
    ignores: [
      "build/",
      ".svelte-kit/",
      ".parley/",
      "node_modules/",
      "scratch/",
      "convex/_generated/",
      "local/convex/test/fixture/convex/_generated/",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  promise.configs["flat/recommended"],
  ...convexPlugin.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // TableIndexes.apply(old, new) is a method of ours, not Function.prototype.apply.
      "prefer-spread": "off",
      "promise/always-return": "off",
      "promise/catch-or-return": ["error", { allowThen: true, allowFinally: true }],
    },
  },
  {
    files: ["**/*.ts"],
    ignores: ["local/convex/test/fixture/**"],
    languageOptions: {
      parserOptions: {
        project: ["./tsconfig.json", "./tsconfig.node.json", "./convex/tsconfig.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: [".svelte"], svelteConfig } },
  },
  {
    // Convex Auth and the deployment URLs are configured through process.env on every deployment.
    files: ["convex/**/*.ts"],
    rules: { "@convex-dev/no-process-env": "off" },
  },
  {
    // Test fixtures stand in for generated, untyped code.
    files: ["local/convex/test/fixture/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@convex-dev/explicit-table-ids": "off",
      "@convex-dev/require-args-validator": "off",
    },
  },
);
