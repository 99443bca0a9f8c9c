"use client";

import { useSyncExternalStore } from "react";
import { Toaster as Sonner } from "sonner";

export { toast } from "sonner";

type Theme = "light" | "dark" | "system";

// Tailwind's dark: variant follows prefers-color-scheme here, which sonner's "system" theme also follows.
// An explicit "dark"/"light" class on <html> (a theme switch, should one be added) wins over the media query.
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

function themeFromClass(): Theme {
  const list = document.documentElement.classList;
  return list.contains("dark") ? "dark" : list.contains("light") ? "light" : "system";
}

/** Mounted once in the app shell; call `toast.success(...)`, `toast.error(...)` etc. from client code. */
export function Toaster() {
  const theme = useSyncExternalStore(subscribe, themeFromClass, (): Theme => "system");
  return <Sonner theme={theme} richColors closeButton position="bottom-right" />;
}
