/** Recurring jobs. */
import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Sends lost with their process (left `sending`): look them up at Twilio, then send if needed.
crons.interval("recover stuck sends", { minutes: 1 }, internal.twilio.sends.sweep, {});

export default crons;
