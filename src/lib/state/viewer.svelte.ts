/**
 * The signed-in person (`api.viewer.get`: name, role, offices), subscribed once by the app layout
 * and read by every page through context. The app shell renders pages only once the viewer is
 * loaded and active, so inside a page `data` is the person (it is null for a sign-in an
 * administrator hasn't let in, undefined while loading).
 */
import { createContext } from "svelte";
import type { FunctionReturnType } from "convex/server";
import type { api } from "$convex/_generated/api";

export type ViewerData = NonNullable<FunctionReturnType<typeof api.viewer.get>>;

/** Whether `viewer` may change what belongs to `officeId` (Admin and Standard members). */
export function canWriteIn(viewer: ViewerData | null | undefined, officeId: string): boolean {
  return viewer != null && viewer.role !== "limited" && viewer.offices.some((o) => o._id === officeId);
}

type ViewerQuery = {
  readonly data: ViewerData | null | undefined;
  readonly error: Error | undefined;
  readonly isLoading: boolean;
};

export class Viewer {
  readonly #query: ViewerQuery;

  constructor(query: ViewerQuery) {
    this.#query = query;
  }

  get data(): ViewerData | null | undefined {
    return this.#query.data;
  }

  get error(): Error | undefined {
    return this.#query.error;
  }

  get isLoading(): boolean {
    return this.#query.isLoading;
  }

  get role(): ViewerData["role"] | null {
    return this.data?.role ?? null;
  }

  /** The offices the person is a member of (none while loading). */
  get offices(): ViewerData["offices"] {
    return this.data?.offices ?? [];
  }

  /** The offices whose campaigns the person may create and edit (Limited users edit none). */
  get writableOffices(): ViewerData["offices"] {
    return this.role === "limited" ? [] : this.offices;
  }

  isMemberOf(officeId: string): boolean {
    return this.offices.some((o) => o._id === officeId);
  }

  canWriteIn(officeId: string): boolean {
    return canWriteIn(this.data, officeId);
  }
}

export const [getViewer, setViewer] = createContext<Viewer>();
