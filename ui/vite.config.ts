// Vite build of the Bar Raiser UI. Tauri serves `dist/` from the binary; in
// development the shell loads the dev server on the fixed port below
// (`devUrl` in src-tauri/tauri.conf.json).
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
