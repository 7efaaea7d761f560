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
import type * as functions from "../functions.js";
import type * as http from "../http.js";
import type * as model_auth from "../model/auth.js";
import type * as model_errors from "../model/errors.js";
import type * as model_offices from "../model/offices.js";
import type * as model_seed from "../model/seed.js";
import type * as model_users from "../model/users.js";
import type * as model_validation from "../model/validation.js";
import type * as offices from "../offices.js";
import type * as seed from "../seed.js";
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
  functions: typeof functions;
  http: typeof http;
  "model/auth": typeof model_auth;
  "model/errors": typeof model_errors;
  "model/offices": typeof model_offices;
  "model/seed": typeof model_seed;
  "model/users": typeof model_users;
  "model/validation": typeof model_validation;
  offices: typeof offices;
  seed: typeof seed;
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
