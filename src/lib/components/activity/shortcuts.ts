/**
 * The conversation console's keyboard paths. They never fire while the person types in a field
 * (the composer's own keys — Enter, Shift+Enter, undo/redo — live in the composer).
 */
export type ShortcutAction = "next" | "previous" | "compose" | "needsAttention" | "operatedBy" | "help";

/** For the help overlay: each shortcut's key combinations (alternatives) and what it does. */
export const SHORTCUTS: readonly { combos: string[][]; does: string }[] = [
  { combos: [["j"], ["↓"]], does: "Next conversation (the arrow while the list has focus)" },
  { combos: [["k"], ["↑"]], does: "Previous conversation (the arrow while the list has focus)" },
  { combos: [["r"], ["/"]], does: "Write a reply: focus the message box" },
  { combos: [["Enter"]], does: "Send the message (in the message box)" },
  { combos: [["Shift", "Enter"]], does: "New line in the message box" },
  { combos: [["Ctrl/⌘", "Z"]], does: "Undo in the message box" },
  {
    combos: [
      ["Ctrl/⌘", "Shift", "Z"],
      ["Ctrl", "Y"],
    ],
    does: "Redo in the message box",
  },
  { combos: [["n"]], does: "Turn Needs attention on or off" },
  { combos: [["v"]], does: "Switch between the Virtual Assistant and an agent" },
  { combos: [["?"]], does: "Show these shortcuts" },
];

/** An element (checked by shape, so this module also runs where there is no DOM). */
function isElement(target: EventTarget | null): target is HTMLElement {
  return target !== null && typeof target === "object" && "tagName" in target && "closest" in target;
}

/** True when keys typed at `target` are text: fields, editable content, selects. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!isElement(target)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(type);
}

/** The action a key press asks for, or null. `inList`: focus is inside the conversation list. */
export function shortcutFor(event: KeyboardEvent, inList: boolean): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  // Keys pressed in a dialog (a confirmation, the 1:1 form) belong to it, not to the page behind.
  if (isElement(event.target) && event.target.closest('[role="dialog"], [role="alertdialog"]')) return null;
  switch (event.key) {
    case "j":
      return "next";
    case "k":
      return "previous";
    case "ArrowDown":
      return inList ? "next" : null;
    case "ArrowUp":
      return inList ? "previous" : null;
    case "r":
    case "/":
      return "compose";
    case "n":
      return "needsAttention";
    case "v":
      return "operatedBy";
    case "?":
      return "help";
    default:
      return null;
  }
}
