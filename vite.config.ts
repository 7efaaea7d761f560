import { sveltekit } from "@sveltejs/kit/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// Test configuration lives in vitest.config.ts, not here.
export default defineConfig({
  plugins: [tailwindcss(), sveltekit()],
  server: {
    fs: {
      // src/ imports convex/_generated/api and convex/model/* through the $convex alias.
      allow: ["convex"],
    },
  },
});
