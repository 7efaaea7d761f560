/**
 * Makes an element exactly fill the window below where it starts (the console's two panes scroll
 * inside themselves, not the page). Re-measured when the window or anything above it resizes.
 */
import type { Attachment } from "svelte/attachments";

export function fillViewport(minHeight = 420, gap = 0): Attachment<HTMLElement> {
  return (element) => {
    const fit = () => {
      const main = element.closest("main");
      const top = element.getBoundingClientRect().top + (main?.scrollTop ?? 0);
      element.style.height = `${Math.max(minHeight, window.innerHeight - top - gap)}px`;
    };
    const observer = new ResizeObserver(fit);
    for (let node = element.parentElement; node && node.tagName !== "BODY"; node = node.parentElement)
      observer.observe(node);
    window.addEventListener("resize", fit);
    fit();
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", fit);
    };
  };
}
