"use client";

// The main navigation. On a phone it folds behind a "Menu" button (aria-expanded says whether it
// is open; Escape closes it and gives focus back to the button); from 48rem up the links stand
// in the header and the button is gone. It closes by itself on the next page: it remembers the
// page it was opened on, so no effect has to reset it.
import { usePathname } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";

export function MainMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-secondary md:hidden"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        Menu
      </button>
      <nav
        id="main-nav"
        aria-label="Main"
        className={`${open ? "flex" : "hidden"} order-last basis-full flex-col gap-1 md:order-none md:flex md:basis-auto md:flex-row md:gap-1`}
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          setOpenOn(null);
          button.current?.focus();
        }}
      >
        {children}
      </nav>
    </>
  );
}
