/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as admin from "../admin.js";
import type * as analytics from "../analytics.js";
import type * as auth from "../auth.js";
import type * as campaigns from "../campaigns.js";
import type * as contactLists from "../contactLists.js";
import type * as contacts from "../contacts.js";
import type * as conversations from "../conversations.js";
import type * as crons from "../crons.js";
import type * as fanOut from "../fanOut.js";
import type * as functions from "../functions.js";
import type * as http from "../http.js";
import type * as inbox from "../inbox.js";
import type * as knowledgeBase from "../knowledgeBase.js";
import type * as model_analytics_counters from "../model/analytics/counters.js";
import type * as model_analytics_responseTimes from "../model/analytics/responseTimes.js";
import type * as model_analytics_views from "../model/analytics/views.js";
import type * as model_assistant_answerer from "../model/assistant/answerer.js";
import type * as model_assistant_knowledgeBase from "../model/assistant/knowledgeBase.js";
import type * as model_assistant_knowledgeImport from "../model/assistant/knowledgeImport.js";
import type * as model_assistant_match from "../model/assistant/match.js";
import type * as model_assistant_providers from "../model/assistant/providers.js";
import type * as model_assistant_seedKnowledge from "../model/assistant/seedKnowledge.js";
import type * as model_assistant_text from "../model/assistant/text.js";
import type * as model_assistant_va from "../model/assistant/va.js";
import type * as model_assistant_yesNo from "../model/assistant/yesNo.js";
import type * as model_campaigns_calendar from "../model/campaigns/calendar.js";
import type * as model_campaigns_campaigns from "../model/campaigns/campaigns.js";
import type * as model_campaigns_contactViews from "../model/campaigns/contactViews.js";
import type * as model_campaigns_ending from "../model/campaigns/ending.js";
import type * as model_campaigns_jobs from "../model/campaigns/jobs.js";
import type * as model_campaigns_lifecycle from "../model/campaigns/lifecycle.js";
import type * as model_campaigns_numbers from "../model/campaigns/numbers.js";
import type * as model_campaigns_readiness from "../model/campaigns/readiness.js";
import type * as model_campaigns_tags from "../model/campaigns/tags.js";
import type * as model_campaigns_views from "../model/campaigns/views.js";
import type * as model_contactLists_edits from "../model/contactLists/edits.js";
import type * as model_contactLists_import from "../model/contactLists/import.js";
import type * as model_contactLists_jobs from "../model/contactLists/jobs.js";
import type * as model_contactLists_lists from "../model/contactLists/lists.js";
import type * as model_conversations_access from "../model/conversations/access.js";
import type * as model_conversations_actions from "../model/conversations/actions.js";
import type * as model_conversations_conversations from "../model/conversations/conversations.js";
import type * as model_conversations_inbound from "../model/conversations/inbound.js";
import type * as model_conversations_inbox from "../model/conversations/inbox.js";
import type * as model_conversations_keywords from "../model/conversations/keywords.js";
import type * as model_conversations_optOut from "../model/conversations/optOut.js";
import type * as model_conversations_presence from "../model/conversations/presence.js";
import type * as model_conversations_routing from "../model/conversations/routing.js";
import type * as model_conversations_rows from "../model/conversations/rows.js";
import type * as model_conversations_views from "../model/conversations/views.js";
import type * as model_numbers_numbers from "../model/numbers/numbers.js";
import type * as model_numbers_provisioning from "../model/numbers/provisioning.js";
import type * as model_numbers_twilioNumbers from "../model/numbers/twilioNumbers.js";
import type * as model_numbers_writes from "../model/numbers/writes.js";
import type * as model_organization_allowedCountries from "../model/organization/allowedCountries.js";
import type * as model_organization_auth from "../model/organization/auth.js";
import type * as model_organization_offices from "../model/organization/offices.js";
import type * as model_organization_seed from "../model/organization/seed.js";
import type * as model_organization_settings from "../model/organization/settings.js";
import type * as model_organization_users from "../model/organization/users.js";
import type * as model_sending_claim from "../model/sending/claim.js";
import type * as model_sending_fanOut from "../model/sending/fanOut.js";
import type * as model_sending_messageStatus from "../model/sending/messageStatus.js";
import type * as model_sending_outbound from "../model/sending/outbound.js";
import type * as model_sending_pacing from "../model/sending/pacing.js";
import type * as model_sending_quietHours from "../model/sending/quietHours.js";
import type * as model_sending_record from "../model/sending/record.js";
import type * as model_sending_sender from "../model/sending/sender.js";
import type * as model_sending_statusCallbacks from "../model/sending/statusCallbacks.js";
import type * as model_sending_tick from "../model/sending/tick.js";
import type * as model_sending_twilioConfig from "../model/sending/twilioConfig.js";
import type * as model_sending_twilioErrors from "../model/sending/twilioErrors.js";
import type * as model_sending_twilioMessages from "../model/sending/twilioMessages.js";
import type * as model_sending_twilioSignature from "../model/sending/twilioSignature.js";
import type * as model_sending_webhook from "../model/sending/webhook.js";
import type * as model_shared_analyticsBuckets from "../model/shared/analyticsBuckets.js";
import type * as model_shared_areaCodes from "../model/shared/areaCodes.js";
import type * as model_shared_campaignRules from "../model/shared/campaignRules.js";
import type * as model_shared_contactImport from "../model/shared/contactImport.js";
import type * as model_shared_contactPhone from "../model/shared/contactPhone.js";
import type * as model_shared_errors from "../model/shared/errors.js";
import type * as model_shared_knowledgeRules from "../model/shared/knowledgeRules.js";
import type * as model_shared_memo from "../model/shared/memo.js";
import type * as model_shared_merge from "../model/shared/merge.js";
import type * as model_shared_mergeLengths from "../model/shared/mergeLengths.js";
import type * as model_shared_normalize from "../model/shared/normalize.js";
import type * as model_shared_numberRules from "../model/shared/numberRules.js";
import type * as model_shared_pages from "../model/shared/pages.js";
import type * as model_shared_segments from "../model/shared/segments.js";
import type * as model_shared_tags from "../model/shared/tags.js";
import type * as model_shared_timeZones from "../model/shared/timeZones.js";
import type * as numbers from "../numbers.js";
import type * as offices from "../offices.js";
import type * as presence from "../presence.js";
import type * as seed from "../seed.js";
import type * as tables_analytics from "../tables/analytics.js";
import type * as tables_campaigns from "../tables/campaigns.js";
import type * as tables_contacts from "../tables/contacts.js";
import type * as tables_conversations from "../tables/conversations.js";
import type * as tables_knowledgeBase from "../tables/knowledgeBase.js";
import type * as tables_numbers from "../tables/numbers.js";
import type * as tables_organization from "../tables/organization.js";
import type * as tables_presence from "../tables/presence.js";
import type * as tables_sending from "../tables/sending.js";
import type * as twilio_inbound from "../twilio/inbound.js";
import type * as twilio_numbers from "../twilio/numbers.js";
import type * as twilio_outbound from "../twilio/outbound.js";
import type * as twilio_sdk from "../twilio/sdk.js";
import type * as twilio_sends from "../twilio/sends.js";
import type * as twilio_status from "../twilio/status.js";
import type * as validation_analytics from "../validation/analytics.js";
import type * as validation_campaigns from "../validation/campaigns.js";
import type * as validation_contactLists from "../validation/contactLists.js";
import type * as validation_conversations from "../validation/conversations.js";
import type * as validation_knowledgeBase from "../validation/knowledgeBase.js";
import type * as validation_numbers from "../validation/numbers.js";
import type * as validation_organization from "../validation/organization.js";
import type * as validation_sending from "../validation/sending.js";
import type * as validation_shared from "../validation/shared.js";
import type * as validators from "../validators.js";
import type * as viewer from "../viewer.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  admin: typeof admin;
  analytics: typeof analytics;
  auth: typeof auth;
  campaigns: typeof campaigns;
  contactLists: typeof contactLists;
  contacts: typeof contacts;
  conversations: typeof conversations;
  crons: typeof crons;
  fanOut: typeof fanOut;
  functions: typeof functions;
  http: typeof http;
  inbox: typeof inbox;
  knowledgeBase: typeof knowledgeBase;
  "model/analytics/counters": typeof model_analytics_counters;
  "model/analytics/responseTimes": typeof model_analytics_responseTimes;
  "model/analytics/views": typeof model_analytics_views;
  "model/assistant/answerer": typeof model_assistant_answerer;
  "model/assistant/knowledgeBase": typeof model_assistant_knowledgeBase;
  "model/assistant/knowledgeImport": typeof model_assistant_knowledgeImport;
  "model/assistant/match": typeof model_assistant_match;
  "model/assistant/providers": typeof model_assistant_providers;
  "model/assistant/seedKnowledge": typeof model_assistant_seedKnowledge;
  "model/assistant/text": typeof model_assistant_text;
  "model/assistant/va": typeof model_assistant_va;
  "model/assistant/yesNo": typeof model_assistant_yesNo;
  "model/campaigns/calendar": typeof model_campaigns_calendar;
  "model/campaigns/campaigns": typeof model_campaigns_campaigns;
  "model/campaigns/contactViews": typeof model_campaigns_contactViews;
  "model/campaigns/ending": typeof model_campaigns_ending;
  "model/campaigns/jobs": typeof model_campaigns_jobs;
  "model/campaigns/lifecycle": typeof model_campaigns_lifecycle;
  "model/campaigns/numbers": typeof model_campaigns_numbers;
  "model/campaigns/readiness": typeof model_campaigns_readiness;
  "model/campaigns/tags": typeof model_campaigns_tags;
  "model/campaigns/views": typeof model_campaigns_views;
  "model/contactLists/edits": typeof model_contactLists_edits;
  "model/contactLists/import": typeof model_contactLists_import;
  "model/contactLists/jobs": typeof model_contactLists_jobs;
  "model/contactLists/lists": typeof model_contactLists_lists;
  "model/conversations/access": typeof model_conversations_access;
  "model/conversations/actions": typeof model_conversations_actions;
  "model/conversations/conversations": typeof model_conversations_conversations;
  "model/conversations/inbound": typeof model_conversations_inbound;
  "model/conversations/inbox": typeof model_conversations_inbox;
  "model/conversations/keywords": typeof model_conversations_keywords;
  "model/conversations/optOut": typeof model_conversations_optOut;
  "model/conversations/presence": typeof model_conversations_presence;
  "model/conversations/routing": typeof model_conversations_routing;
  "model/conversations/rows": typeof model_conversations_rows;
  "model/conversations/views": typeof model_conversations_views;
  "model/numbers/numbers": typeof model_numbers_numbers;
  "model/numbers/provisioning": typeof model_numbers_provisioning;
  "model/numbers/twilioNumbers": typeof model_numbers_twilioNumbers;
  "model/numbers/writes": typeof model_numbers_writes;
  "model/organization/allowedCountries": typeof model_organization_allowedCountries;
  "model/organization/auth": typeof model_organization_auth;
  "model/organization/offices": typeof model_organization_offices;
  "model/organization/seed": typeof model_organization_seed;
  "model/organization/settings": typeof model_organization_settings;
  "model/organization/users": typeof model_organization_users;
  "model/sending/claim": typeof model_sending_claim;
  "model/sending/fanOut": typeof model_sending_fanOut;
  "model/sending/messageStatus": typeof model_sending_messageStatus;
  "model/sending/outbound": typeof model_sending_outbound;
  "model/sending/pacing": typeof model_sending_pacing;
  "model/sending/quietHours": typeof model_sending_quietHours;
  "model/sending/record": typeof model_sending_record;
  "model/sending/sender": typeof model_sending_sender;
  "model/sending/statusCallbacks": typeof model_sending_statusCallbacks;
  "model/sending/tick": typeof model_sending_tick;
  "model/sending/twilioConfig": typeof model_sending_twilioConfig;
  "model/sending/twilioErrors": typeof model_sending_twilioErrors;
  "model/sending/twilioMessages": typeof model_sending_twilioMessages;
  "model/sending/twilioSignature": typeof model_sending_twilioSignature;
  "model/sending/webhook": typeof model_sending_webhook;
  "model/shared/analyticsBuckets": typeof model_shared_analyticsBuckets;
  "model/shared/areaCodes": typeof model_shared_areaCodes;
  "model/shared/campaignRules": typeof model_shared_campaignRules;
  "model/shared/contactImport": typeof model_shared_contactImport;
  "model/shared/contactPhone": typeof model_shared_contactPhone;
  "model/shared/errors": typeof model_shared_errors;
  "model/shared/knowledgeRules": typeof model_shared_knowledgeRules;
  "model/shared/memo": typeof model_shared_memo;
  "model/shared/merge": typeof model_shared_merge;
  "model/shared/mergeLengths": typeof model_shared_mergeLengths;
  "model/shared/normalize": typeof model_shared_normalize;
  "model/shared/numberRules": typeof model_shared_numberRules;
  "model/shared/pages": typeof model_shared_pages;
  "model/shared/segments": typeof model_shared_segments;
  "model/shared/tags": typeof model_shared_tags;
  "model/shared/timeZones": typeof model_shared_timeZones;
  numbers: typeof numbers;
  offices: typeof offices;
  presence: typeof presence;
  seed: typeof seed;
  "tables/analytics": typeof tables_analytics;
  "tables/campaigns": typeof tables_campaigns;
  "tables/contacts": typeof tables_contacts;
  "tables/conversations": typeof tables_conversations;
  "tables/knowledgeBase": typeof tables_knowledgeBase;
  "tables/numbers": typeof tables_numbers;
  "tables/organization": typeof tables_organization;
  "tables/presence": typeof tables_presence;
  "tables/sending": typeof tables_sending;
  "twilio/inbound": typeof twilio_inbound;
  "twilio/numbers": typeof twilio_numbers;
  "twilio/outbound": typeof twilio_outbound;
  "twilio/sdk": typeof twilio_sdk;
  "twilio/sends": typeof twilio_sends;
  "twilio/status": typeof twilio_status;
  "validation/analytics": typeof validation_analytics;
  "validation/campaigns": typeof validation_campaigns;
  "validation/contactLists": typeof validation_contactLists;
  "validation/conversations": typeof validation_conversations;
  "validation/knowledgeBase": typeof validation_knowledgeBase;
  "validation/numbers": typeof validation_numbers;
  "validation/organization": typeof validation_organization;
  "validation/sending": typeof validation_sending;
  "validation/shared": typeof validation_shared;
  validators: typeof validators;
  viewer: typeof viewer;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
