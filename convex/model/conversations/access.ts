/**
 * Who may read or act on a conversation: reading needs read access to its office (members, or
 * "view other offices"); every change needs membership of its office and the capability
 * (`requireOfficeWrite`), so "view other offices" stays read-only.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { requireOfficeRead, requireOfficeWrite, type Capability, type Viewer } from "../organization/auth";
import { appError } from "../shared/errors";

export async function requireConversation(
  ctx: QueryCtx,
  conversationId: Id<"conversations">,
): Promise<Doc<"conversations">> {
  const conversation = await ctx.db.get("conversations", conversationId);
  if (conversation === null) throw appError("NOT_FOUND", "That conversation doesn't exist any more. Refresh the list.");
  return conversation;
}

export async function readableConversation(ctx: QueryCtx, viewer: Viewer, conversationId: Id<"conversations">) {
  const conversation = await requireConversation(ctx, conversationId);
  requireOfficeRead(viewer, conversation.officeId);
  return conversation;
}

export async function writableConversation(
  ctx: QueryCtx,
  viewer: Viewer,
  conversationId: Id<"conversations">,
  capability: Capability,
) {
  const conversation = await requireConversation(ctx, conversationId);
  requireOfficeWrite(viewer, conversation.officeId, capability);
  return conversation;
}

/** Refuses changes that would put a closed conversation back in a queue (CLOSED). */
export function requireOpen(conversation: Doc<"conversations">): void {
  if (conversation.closed)
    throw appError(
      "CLOSED",
      "This conversation is closed: its single-use campaign ended, so it left every queue and no more texts go out.",
    );
}
