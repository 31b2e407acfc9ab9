/**
 * What the keyboard can reach inside an element, in Tab order: the dialog and menu patterns of the
 * WAI-ARIA Authoring Practices (https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/) move focus
 * among these.
 */
const TABBABLE = [
  'a[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])', 'select:not([disabled])',
  'textarea:not([disabled])', '[tabindex]', 'summary', 'iframe', '[contenteditable="true"]',
].join(',');

export function tabbableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (el) => el.tabIndex >= 0 && !el.closest('[hidden], [inert]') && el.getAttribute('aria-hidden') !== 'true',
  );
}

/** Where focus goes when a dialog opens: the element marked `data-autofocus`, else the first tabbable one. */
export function initialFocusIn(root: HTMLElement): HTMLElement | null {
  return root.querySelector<HTMLElement>('[data-autofocus]') ?? tabbableIn(root)[0] ?? null;
}

/** Moves focus back to `el` if it is still on the page (it may have gone with a closed tab). */
export function restoreFocus(el: Element | null): void {
  if (el instanceof HTMLElement && el.isConnected) el.focus();
}
