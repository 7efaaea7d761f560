import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import ChoicesHarness from "./test/ChoicesHarness.svelte";

function setup() {
  render(ChoicesHarness);
  return { user: userEvent.setup(), output: screen.getByRole("status") };
}

describe("Checkbox", () => {
  it("is a checkbox named by its label, toggled by a click on the label or by Space", async () => {
    const { user, output } = setup();
    const box = screen.getByRole("checkbox", { name: "Send me updates" });
    expect(box).not.toBeChecked();

    await user.click(screen.getByText("Send me updates"));
    expect(box).toBeChecked();
    expect(output).toHaveTextContent("updates, no size");

    await user.keyboard(" ");
    expect(box).toHaveFocus();
    expect(box).not.toBeChecked();
    expect(output).toHaveTextContent("no updates");
  });
});

describe("RadioGroup", () => {
  it("is a radio group named by its legend; one radio is chosen by click or arrow keys", async () => {
    const { user, output } = setup();
    expect(screen.getByRole("radiogroup", { name: "Size" })).toBeInTheDocument();
    const [small, medium, large] = screen.getAllByRole("radio");
    expect(small).toHaveAccessibleName("Small");
    expect(small).toHaveAttribute("value", "s");
    expect(large).toBeDisabled();

    await user.click(screen.getByText("Small"));
    expect(small).toBeChecked();
    expect(output).toHaveTextContent("no updates, s");

    await user.keyboard("{ArrowDown}");
    expect(medium).toHaveFocus();
    expect(medium).toBeChecked();
    expect(small).not.toBeChecked();
    expect(output).toHaveTextContent("no updates, m");

    // The disabled radio is skipped: the arrow goes round to the first.
    await user.keyboard("{ArrowDown}");
    expect(small).toBeChecked();
    expect(output).toHaveTextContent("no updates, s");
  });
});
