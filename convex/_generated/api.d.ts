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
import type * as auth from "../auth.js";
import type * as campaigns from "../campaigns.js";
import type * as contactLists from "../contactLists.js";
import type * as functions from "../functions.js";
import type * as http from "../http.js";
import type * as model_allowedCountries from "../model/allowedCountries.js";
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
import type * as model_conversations from "../model/conversations.js";
import type * as model_errors from "../model/errors.js";
import type * as model_merge from "../model/merge.js";
import type * as model_numberProvisioning from "../model/numberProvisioning.js";
import type * as model_numberRules from "../model/numberRules.js";
import type * as model_numberWrites from "../model/numberWrites.js";
import type * as model_numbers from "../model/numbers.js";
import type * as model_offices from "../model/offices.js";
import type * as model_seed from "../model/seed.js";
import type * as model_segments from "../model/segments.js";
import type * as model_timeZones from "../model/timeZones.js";
import type * as model_twilioConfig from "../model/twilioConfig.js";
import type * as model_twilioNumbers from "../model/twilioNumbers.js";
import type * as model_twilioSignature from "../model/twilioSignature.js";
import type * as model_users from "../model/users.js";
import type * as model_validation from "../model/validation.js";
import type * as numbers from "../numbers.js";
import type * as offices from "../offices.js";
import type * as seed from "../seed.js";
import type * as twilio_numbers from "../twilio/numbers.js";
import type * as twilio_sdk from "../twilio/sdk.js";
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
  auth: typeof auth;
  campaigns: typeof campaigns;
  contactLists: typeof contactLists;
  functions: typeof functions;
  http: typeof http;
  "model/allowedCountries": typeof model_allowedCountries;
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
  "model/conversations": typeof model_conversations;
  "model/errors": typeof model_errors;
  "model/merge": typeof model_merge;
  "model/numberProvisioning": typeof model_numberProvisioning;
  "model/numberRules": typeof model_numberRules;
  "model/numberWrites": typeof model_numberWrites;
  "model/numbers": typeof model_numbers;
  "model/offices": typeof model_offices;
  "model/seed": typeof model_seed;
  "model/segments": typeof model_segments;
  "model/timeZones": typeof model_timeZones;
  "model/twilioConfig": typeof model_twilioConfig;
  "model/twilioNumbers": typeof model_twilioNumbers;
  "model/twilioSignature": typeof model_twilioSignature;
  "model/users": typeof model_users;
  "model/validation": typeof model_validation;
  numbers: typeof numbers;
  offices: typeof offices;
  seed: typeof seed;
  "twilio/numbers": typeof twilio_numbers;
  "twilio/sdk": typeof twilio_sdk;
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
