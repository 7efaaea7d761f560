import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names, letting later Tailwind classes override earlier ones (`cn('p-2', props.class)`). */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
