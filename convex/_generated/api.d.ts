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
import type * as model_allowedCountries from "../model/allowedCountries.js";
import type * as model_analytics from "../model/analytics.js";
import type * as model_analyticsBuckets from "../model/analyticsBuckets.js";
import type * as model_analyticsViews from "../model/analyticsViews.js";
import type * as model_areaCodes from "../model/areaCodes.js";
import type * as model_auth from "../model/auth.js";
import type * as model_campaignCalendar from "../model/campaignCalendar.js";
import type * as model_campaignJobs from "../model/campaignJobs.js";
import type * as model_campaignLaunch from "../model/campaignLaunch.js";
import type * as model_campaignLifecycle from "../model/campaignLifecycle.js";
import type * as model_campaignNumbers from "../model/campaignNumbers.js";
import type * as model_campaignReadiness from "../model/campaignReadiness.js";
import type * as model_campaignRules from "../model/campaignRules.js";
import type * as model_campaignTags from "../model/campaignTags.js";
import type * as model_campaignViews from "../model/campaignViews.js";
import type * as model_campaigns from "../model/campaigns.js";
import type * as model_contactImport from "../model/contactImport.js";
import type * as model_contactListEdits from "../model/contactListEdits.js";
import type * as model_contactListImport from "../model/contactListImport.js";
import type * as model_contactListJobs from "../model/contactListJobs.js";
import type * as model_contactLists from "../model/contactLists.js";
import type * as model_contactPhone from "../model/contactPhone.js";
import type * as model_contactViews from "../model/contactViews.js";
import type * as model_conversationAccess from "../model/conversationAccess.js";
import type * as model_conversationActions from "../model/conversationActions.js";
import type * as model_conversationRows from "../model/conversationRows.js";
import type * as model_conversationViews from "../model/conversationViews.js";
import type * as model_conversations from "../model/conversations.js";
import type * as model_ending from "../model/ending.js";
import type * as model_errors from "../model/errors.js";
import type * as model_fanOut from "../model/fanOut.js";
import type * as model_inbound from "../model/inbound.js";
import type * as model_inbox from "../model/inbox.js";
import type * as model_keywords from "../model/keywords.js";
import type * as model_knowledgeBase from "../model/knowledgeBase.js";
import type * as model_knowledgeImport from "../model/knowledgeImport.js";
import type * as model_knowledgeRules from "../model/knowledgeRules.js";
import type * as model_merge from "../model/merge.js";
import type * as model_mergeLengths from "../model/mergeLengths.js";
import type * as model_messageStatus from "../model/messageStatus.js";
import type * as model_numberProvisioning from "../model/numberProvisioning.js";
import type * as model_numberRules from "../model/numberRules.js";
import type * as model_numberWrites from "../model/numberWrites.js";
import type * as model_numbers from "../model/numbers.js";
import type * as model_offices from "../model/offices.js";
import type * as model_optOut from "../model/optOut.js";
import type * as model_organizationSettings from "../model/organizationSettings.js";
import type * as model_outbound from "../model/outbound.js";
import type * as model_pacing from "../model/pacing.js";
import type * as model_presence from "../model/presence.js";
import type * as model_quietHours from "../model/quietHours.js";
import type * as model_responseTimes from "../model/responseTimes.js";
import type * as model_routing from "../model/routing.js";
import type * as model_seed from "../model/seed.js";
import type * as model_seedKnowledge from "../model/seedKnowledge.js";
import type * as model_segments from "../model/segments.js";
import type * as model_sendClaim from "../model/sendClaim.js";
import type * as model_sendRecord from "../model/sendRecord.js";
import type * as model_sendTick from "../model/sendTick.js";
import type * as model_sender from "../model/sender.js";
import type * as model_statusCallbacks from "../model/statusCallbacks.js";
import type * as model_tags from "../model/tags.js";
import type * as model_timeZones from "../model/timeZones.js";
import type * as model_twilioConfig from "../model/twilioConfig.js";
import type * as model_twilioErrors from "../model/twilioErrors.js";
import type * as model_twilioMessages from "../model/twilioMessages.js";
import type * as model_twilioNumbers from "../model/twilioNumbers.js";
import type * as model_twilioSignature from "../model/twilioSignature.js";
import type * as model_users from "../model/users.js";
import type * as model_va from "../model/va.js";
import type * as model_vaAnswerer from "../model/vaAnswerer.js";
import type * as model_vaMatch from "../model/vaMatch.js";
import type * as model_vaProviders from "../model/vaProviders.js";
import type * as model_vaText from "../model/vaText.js";
import type * as model_vaYesNo from "../model/vaYesNo.js";
import type * as model_validation from "../model/validation.js";
import type * as model_webhook from "../model/webhook.js";
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
  "model/allowedCountries": typeof model_allowedCountries;
  "model/analytics": typeof model_analytics;
  "model/analyticsBuckets": typeof model_analyticsBuckets;
  "model/analyticsViews": typeof model_analyticsViews;
  "model/areaCodes": typeof model_areaCodes;
  "model/auth": typeof model_auth;
  "model/campaignCalendar": typeof model_campaignCalendar;
  "model/campaignJobs": typeof model_campaignJobs;
  "model/campaignLaunch": typeof model_campaignLaunch;
  "model/campaignLifecycle": typeof model_campaignLifecycle;
  "model/campaignNumbers": typeof model_campaignNumbers;
  "model/campaignReadiness": typeof model_campaignReadiness;
  "model/campaignRules": typeof model_campaignRules;
  "model/campaignTags": typeof model_campaignTags;
  "model/campaignViews": typeof model_campaignViews;
  "model/campaigns": typeof model_campaigns;
  "model/contactImport": typeof model_contactImport;
  "model/contactListEdits": typeof model_contactListEdits;
  "model/contactListImport": typeof model_contactListImport;
  "model/contactListJobs": typeof model_contactListJobs;
  "model/contactLists": typeof model_contactLists;
  "model/contactPhone": typeof model_contactPhone;
  "model/contactViews": typeof model_contactViews;
  "model/conversationAccess": typeof model_conversationAccess;
  "model/conversationActions": typeof model_conversationActions;
  "model/conversationRows": typeof model_conversationRows;
  "model/conversationViews": typeof model_conversationViews;
  "model/conversations": typeof model_conversations;
  "model/ending": typeof model_ending;
  "model/errors": typeof model_errors;
  "model/fanOut": typeof model_fanOut;
  "model/inbound": typeof model_inbound;
  "model/inbox": typeof model_inbox;
  "model/keywords": typeof model_keywords;
  "model/knowledgeBase": typeof model_knowledgeBase;
  "model/knowledgeImport": typeof model_knowledgeImport;
  "model/knowledgeRules": typeof model_knowledgeRules;
  "model/merge": typeof model_merge;
  "model/mergeLengths": typeof model_mergeLengths;
  "model/messageStatus": typeof model_messageStatus;
  "model/numberProvisioning": typeof model_numberProvisioning;
  "model/numberRules": typeof model_numberRules;
  "model/numberWrites": typeof model_numberWrites;
  "model/numbers": typeof model_numbers;
  "model/offices": typeof model_offices;
  "model/optOut": typeof model_optOut;
  "model/organizationSettings": typeof model_organizationSettings;
  "model/outbound": typeof model_outbound;
  "model/pacing": typeof model_pacing;
  "model/presence": typeof model_presence;
  "model/quietHours": typeof model_quietHours;
  "model/responseTimes": typeof model_responseTimes;
  "model/routing": typeof model_routing;
  "model/seed": typeof model_seed;
  "model/seedKnowledge": typeof model_seedKnowledge;
  "model/segments": typeof model_segments;
  "model/sendClaim": typeof model_sendClaim;
  "model/sendRecord": typeof model_sendRecord;
  "model/sendTick": typeof model_sendTick;
  "model/sender": typeof model_sender;
  "model/statusCallbacks": typeof model_statusCallbacks;
  "model/tags": typeof model_tags;
  "model/timeZones": typeof model_timeZones;
  "model/twilioConfig": typeof model_twilioConfig;
  "model/twilioErrors": typeof model_twilioErrors;
  "model/twilioMessages": typeof model_twilioMessages;
  "model/twilioNumbers": typeof model_twilioNumbers;
  "model/twilioSignature": typeof model_twilioSignature;
  "model/users": typeof model_users;
  "model/va": typeof model_va;
  "model/vaAnswerer": typeof model_vaAnswerer;
  "model/vaMatch": typeof model_vaMatch;
  "model/vaProviders": typeof model_vaProviders;
  "model/vaText": typeof model_vaText;
  "model/vaYesNo": typeof model_vaYesNo;
  "model/validation": typeof model_validation;
  "model/webhook": typeof model_webhook;
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
