/**
 * The person's choice of how to hear that more conversations need attention: a short beep
 * (WebAudio, no file to fetch) and/or a desktop notification (after the browser's permission).
 * Both are off until chosen; the choice is remembered in this browser (localStorage).
 */
import { browser } from "$app/environment";
import { createContext } from "svelte";

export const NOTIFY_STORAGE_KEY = "parley:notify";

type Saved = { sound: boolean; desktop: boolean };

export class NotifySettings {
  sound = $state(false);
  desktop = $state(false);
  /** Why desktop notifications couldn't be turned on (permission denied, unsupported), or null. */
  desktopProblem = $state<string | null>(null);
  #audio: AudioContext | null = null;

  constructor() {
    if (!browser) return;
    const saved = readSaved();
    this.sound = saved.sound;
    this.desktop = saved.desktop && "Notification" in window && Notification.permission === "granted";
  }

  /** Called from the toggle's click: creating the audio context in a user gesture lets it play later. */
  setSound(on: boolean): void {
    this.sound = on;
    if (on) this.beep();
    this.#save();
  }

  async setDesktop(on: boolean): Promise<void> {
    this.desktopProblem = null;
    if (!on) {
      this.desktop = false;
      this.#save();
      return;
    }
    if (!("Notification" in window)) {
      this.desktopProblem = "This browser can't show desktop notifications.";
      return;
    }
    const permission =
      Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    this.desktop = permission === "granted";
    if (!this.desktop)
      this.desktopProblem = "The browser blocked notifications for Parley. Allow them in the site settings.";
    this.#save();
  }

  /** More conversations need attention than a moment ago. */
  alert(count: number, label: string): void {
    if (this.sound) this.beep();
    if (this.desktop && "Notification" in window && Notification.permission === "granted")
      new Notification("Parley", {
        body: count === 1 ? "1 conversation needs attention" : `${label} conversations need attention`,
        tag: "parley-needs-attention",
      });
  }

  beep(): void {
    try {
      this.#audio ??= new AudioContext();
      const ctx = this.#audio;
      void ctx.resume();
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.2);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start();
      oscillator.stop(ctx.currentTime + 0.2);
    } catch {
      // No audio output: the badge still shows the count.
    }
  }

  #save(): void {
    try {
      localStorage.setItem(NOTIFY_STORAGE_KEY, JSON.stringify({ sound: this.sound, desktop: this.desktop }));
    } catch {
      // Storage unavailable: the choice lasts for this page only.
    }
  }
}

function readSaved(): Saved {
  try {
    const value = JSON.parse(localStorage.getItem(NOTIFY_STORAGE_KEY) ?? "{}") as Partial<Saved>;
    return { sound: value.sound === true, desktop: value.desktop === true };
  } catch {
    return { sound: false, desktop: false };
  }
}

export const [getNotifySettings, setNotifySettings] = createContext<NotifySettings>();
