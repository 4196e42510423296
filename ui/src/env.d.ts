// Type declarations for Svelte components and Vite's client API.
/// <reference types="svelte" />
/// <reference types="vite/client" />
