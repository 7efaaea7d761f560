import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";
import { exposeConvexTestInternals } from "./local/convex/testing.ts";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "local",
          environment: "node",
          include: ["local/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The app's aliases, so unit tests import as the app does.
        resolve: { alias: { $convex: here("./convex"), $lib: here("./src/lib") } },
        test: {
          name: "unit",
          environment: "node",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.svelte.test.ts"],
        },
      },
      {
        // Components rendered in jsdom as the browser build (`browser` condition), driven the way a
        // person would through @testing-library. Files are *.svelte.test.ts so they may use runes.
        plugins: [svelte(), svelteTesting()],
        resolve: { alias: { $convex: here("./convex"), $lib: here("./src/lib") }, conditions: ["browser"] },
        test: {
          name: "component",
          environment: "jsdom",
          include: ["src/**/*.svelte.test.ts"],
          setupFiles: ["./src/component-test-setup.ts"],
        },
      },
      {
        // convex-test's internals are exposed (one appended export) only for the 100k-row import
        // test, which gives convex-test indexed lookups: see convex/contactLists.scale.test.ts.
        plugins: [exposeConvexTestInternals()],
        test: {
          name: "convex",
          environment: "edge-runtime",
          server: { deps: { inline: ["convex-test"] } },
          include: ["convex/**/*.test.ts"],
          exclude: ["convex/setup.test.ts"],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
