/**
 * Light/dark theme. The choice is remembered in localStorage; without one, the system preference
 * applies (and is followed live). app.html applies the same rule before first paint, so keep the
 * storage key in step with it.
 */
import { browser } from "$app/environment";
import { createContext } from "svelte";

export const THEME_STORAGE_KEY = "parley:theme";
export type Theme = "light" | "dark";

export class ThemeState {
  /** The theme in effect; on the server, light (nothing theme-dependent is rendered there). */
  current = $state<Theme>("light");
  #saved: Theme | null = null;
  #media: MediaQueryList | null = null;
  #onSystemChange = (event: MediaQueryListEvent) => {
    if (this.#saved === null) this.#apply(event.matches ? "dark" : "light");
  };

  constructor() {
    if (!browser) return;
    this.#saved = readSaved();
    this.#media = window.matchMedia("(prefers-color-scheme: dark)");
    this.#media.addEventListener("change", this.#onSystemChange);
    this.#apply(this.#saved ?? (this.#media.matches ? "dark" : "light"));
  }

  get isDark(): boolean {
    return this.current === "dark";
  }

  toggle(): void {
    const next: Theme = this.isDark ? "light" : "dark";
    this.#saved = next;
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage unavailable: the choice lasts for this page only.
    }
    this.#apply(next);
  }

  destroy(): void {
    this.#media?.removeEventListener("change", this.#onSystemChange);
  }

  #apply(theme: Theme): void {
    this.current = theme;
    const root = document.documentElement;
    root.classList.toggle("dark", theme === "dark");
    root.style.colorScheme = theme;
  }
}

function readSaved(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    return null;
  }
}

export const [getTheme, setTheme] = createContext<ThemeState>();
