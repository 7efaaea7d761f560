/**
 * The official `twilio` SDK pointed at another API origin (the simulator) instead of
 * https://api.twilio.com. twilio-node v6 takes a custom `httpClient`; this one is its own
 * RequestClient with the origin rewritten, so everything else — Basic auth, form encoding,
 * `next_page_uri` paging, RestException errors — is the SDK's own code. Parley's Convex actions
 * do the same when TWILIO_API_BASE is set (convex/ keeps its own copy: it never imports local/).
 */
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";

const TWILIO_API = "https://api.twilio.com";

/** A RequestClient that sends https://api.twilio.com/… requests to `apiBase`/… instead. */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private apiBase: string,
    options?: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_API)
      ? this.apiBase.replace(/\/+$/, "") + opts.uri.slice(TWILIO_API.length)
      : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}

/** A Twilio client for `apiBase` (e.g. the simulator's URL); plain Twilio when it is undefined. */
export function twilioClient(
  accountSid: string,
  authToken: string,
  apiBase?: string,
  options: twilio.ClientOpts = {},
): twilio.Twilio {
  if (!apiBase) return twilio(accountSid, authToken, options);
  const httpClient = new RedirectingRequestClient(apiBase, {
    autoRetry: options.autoRetry,
    maxRetries: options.maxRetries,
    maxRetryDelay: options.maxRetryDelay,
    timeout: options.timeout,
  });
  return twilio(accountSid, authToken, { ...options, httpClient });
}
