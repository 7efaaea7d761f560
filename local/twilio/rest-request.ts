/** One REST request as the resource routes (`rest-messages.ts`, `rest-numbers.ts`) see it, and their answer. */
import type { Core } from "./core.ts";

export interface RestRequest {
  core: Core;
  method: string;
  /** The request's path, e.g. /2010-04-01/Accounts/AC…/Messages.json */
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
}

export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
