/** HTTP routes: Convex Auth's (OpenID configuration and JWKS). Twilio's webhooks join later. */
import { httpRouter } from "convex/server";
import { auth } from "./auth";

const http = httpRouter();

auth.addHttpRoutes(http);

export default http;
