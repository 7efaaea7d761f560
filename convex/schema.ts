/**
 * Every table of Parley, composed from `tables/` (one module a domain). Each table's comment
 * says who writes it and who reads it.
 */
import { authTables } from "@convex-dev/auth/server";
import { defineSchema } from "convex/server";
import { analyticsTables } from "./tables/analytics";
import { campaignTables } from "./tables/campaigns";
import { contactTables } from "./tables/contacts";
import { conversationTables } from "./tables/conversations";
import { knowledgeBaseTables } from "./tables/knowledgeBase";
import { numberTables } from "./tables/numbers";
import { organizationTables } from "./tables/organization";
import { presenceTables } from "./tables/presence";
import { sendingTables } from "./tables/sending";

export default defineSchema({
  ...authTables,
  ...organizationTables,
  ...contactTables,
  ...numberTables,
  ...campaignTables,
  ...conversationTables,
  ...analyticsTables,
  ...sendingTables,
  ...knowledgeBaseTables,
  ...presenceTables,
});
