/** HTTP routes: Convex Auth's (OpenID configuration and JWKS) and Twilio's webhooks (status callbacks, inbound texts). */
import { httpRouter } from "convex/server";
import { auth } from "./auth";
import { INBOUND_WEBHOOK_PATH, STATUS_WEBHOOK_PATH } from "./model/sending/twilioConfig";
import { webhook as inboundWebhook } from "./twilio/inbound";
import { status } from "./twilio/status";

const http = httpRouter();

auth.addHttpRoutes(http);

http.route({ path: STATUS_WEBHOOK_PATH, method: "POST", handler: status });
http.route({ path: INBOUND_WEBHOOK_PATH, method: "POST", handler: inboundWebhook });

export default http;
