/**
 * Tag limits, shared by the backend's checks and the console's inline errors (pure: the UI imports
 * it too, so the two never disagree).
 */

/** Characters in any tag: a campaign's, a list's or a conversation's. */
export const TAG_MAX = 30;

/** Tags one conversation may hold; also how many the Activity filter combines. */
export const CONVERSATION_TAGS_MAX = 3;
