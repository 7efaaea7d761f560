import BookOpenIcon from "@lucide/svelte/icons/book-open";
import ContactIcon from "@lucide/svelte/icons/contact";
import GaugeIcon from "@lucide/svelte/icons/gauge";
import InboxIcon from "@lucide/svelte/icons/inbox";
import MegaphoneIcon from "@lucide/svelte/icons/megaphone";
import PhoneIcon from "@lucide/svelte/icons/phone";
import ShieldIcon from "@lucide/svelte/icons/shield";
import type { Pathname } from "$app/types";
import type { Component } from "svelte";

export type NavItem = {
  id: "dashboard" | "campaigns" | "inbox" | "lists" | "numbers" | "knowledge" | "admin";
  label: string;
  /** A page's own path (kept to these few, so `resolve(officeFilter.href(href))` type-checks). */
  href: Extract<Pathname, "/dashboard" | "/campaigns" | "/inbox" | "/lists" | "/numbers" | "/knowledge" | "/admin">;
  icon: Component<{ class?: string; "aria-hidden"?: "true" }>;
  adminOnly?: boolean;
  /** Only for the roles that supervise (the backend's "analytics.dashboard": Admin, Standard). */
  supervisorsOnly?: boolean;
  /** The sidebar section it sits under ("Under the Texting section, select Campaigns"); none: apart. */
  section?: "texting";
};

export const NAV_SECTIONS = { texting: "Texting" } as const;

export const NAV_ITEMS: readonly NavItem[] = [
  {
    id: "dashboard",
    label: "Dashboard",
    href: "/dashboard",
    icon: GaugeIcon,
    supervisorsOnly: true,
    section: "texting",
  },
  { id: "campaigns", label: "Campaigns", href: "/campaigns", icon: MegaphoneIcon, section: "texting" },
  { id: "inbox", label: "Inbox", href: "/inbox", icon: InboxIcon, section: "texting" },
  { id: "lists", label: "Contact lists", href: "/lists", icon: ContactIcon, section: "texting" },
  { id: "numbers", label: "Phone numbers", href: "/numbers", icon: PhoneIcon, section: "texting" },
  { id: "knowledge", label: "Knowledge base", href: "/knowledge", icon: BookOpenIcon, section: "texting" },
  { id: "admin", label: "Admin", href: "/admin", icon: ShieldIcon, adminOnly: true },
];

/** Whether `pathname` is the item's page or one of its sub-pages. */
export function isActive(item: NavItem, pathname: string): boolean {
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
