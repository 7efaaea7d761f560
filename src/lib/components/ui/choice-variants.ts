import { tv, type VariantProps } from "tailwind-variants";

/** The look of a checkbox or radio and of the label around it, shared so both stay alike. */
export const choiceVariants = tv({
  slots: {
    label: "flex items-center gap-2 text-sm has-disabled:cursor-not-allowed has-disabled:opacity-50",
    box: "inline-flex size-4 shrink-0 cursor-pointer items-center justify-center border border-input bg-background text-primary-foreground transition-colors disabled:cursor-not-allowed data-[state=checked]:border-primary data-[state=checked]:bg-primary",
  },
  variants: {
    shape: { checkbox: { box: "rounded-sm" }, radio: { box: "rounded-full" } },
    // `start` aligns the box with the first line of a label that wraps or has a second line.
    align: { center: {}, start: { label: "items-start", box: "mt-0.5" } },
  },
  defaultVariants: { align: "center" },
});

export type ChoiceAlign = VariantProps<typeof choiceVariants>["align"];
