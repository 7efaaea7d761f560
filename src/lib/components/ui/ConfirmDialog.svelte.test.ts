import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { describe, expect, it, vi } from "vitest";
import ConfirmDialogHarness from "./test/ConfirmDialogHarness.svelte";

async function openDialog(onConfirm: () => Promise<void>, returnToMenu = false) {
  const user = userEvent.setup();
  render(ConfirmDialogHarness, { onConfirm, returnToMenu });
  const trigger = screen.getByRole("button", { name: "Delete the list" });
  await user.click(trigger);
  const dialog = await screen.findByRole("alertdialog", { name: "Delete the list?" });
  return { user, trigger, dialog };
}

describe("ConfirmDialog", () => {
  it("says what will happen, and Cancel closes it without acting and gives focus back", async () => {
    const onConfirm = vi.fn(async () => {});
    const { user, trigger, dialog } = await openDialog(onConfirm);
    expect(dialog).toHaveTextContent("Its contacts stay; the list goes.");

    await user.click(screen.getByRole("button", { name: "Cancel" }));

    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(onConfirm).not.toHaveBeenCalled();
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it("closes on Escape without acting and gives focus back", async () => {
    const onConfirm = vi.fn(async () => {});
    const { user, trigger } = await openDialog(onConfirm);

    await user.keyboard("{Escape}");

    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(onConfirm).not.toHaveBeenCalled();
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it("gives focus to where it was told to on closing (the menu it came from)", async () => {
    const { user } = await openDialog(async () => {}, true);

    await user.keyboard("{Escape}");

    await waitFor(() => expect(screen.getByRole("button", { name: "List actions" })).toHaveFocus());
  });

  it("acts once on confirm, shows progress meanwhile, then closes", async () => {
    let finish = () => {};
    const onConfirm = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { user } = await openDialog(onConfirm);

    await user.click(screen.getByRole("button", { name: "Delete" }));

    expect(onConfirm).toHaveBeenCalledTimes(1);
    const busy = await screen.findByRole("button", { name: "Deleting…" });
    expect(busy).toBeDisabled();
    expect(screen.getByRole("button", { name: "Cancel" })).toBeDisabled();
    finish();
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  });

  it("stays open with the reason when the action fails, so the person can retry", async () => {
    const onConfirm = vi
      .fn()
      .mockRejectedValueOnce(new ConvexError({ code: "INVALID", message: "The list is in use." }))
      .mockResolvedValueOnce(undefined);
    const { user, dialog } = await openDialog(onConfirm);

    await user.click(screen.getByRole("button", { name: "Delete" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("The list is in use.");
    expect(dialog).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(onConfirm).toHaveBeenCalledTimes(2);
  });
});
