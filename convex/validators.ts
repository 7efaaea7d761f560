/**
 * Validators shared by the schema and the public API, each with its TypeScript type: the one
 * import path for them. Each domain's validators live in `validation/`, built from the tables'
 * fields; only `tables/` imports `validation/shared.ts` directly, as going through here would
 * import the tables back.
 */
export * from "./validation/organization";
export * from "./validation/shared";
export * from "./validation/campaigns";
export * from "./validation/numbers";
export * from "./validation/contactLists";
export * from "./validation/conversations";
export * from "./validation/sending";
export * from "./validation/knowledgeBase";
export * from "./validation/analytics";
