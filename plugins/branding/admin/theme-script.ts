/**
 * Before hydration (the server drew the page in Payload's light default when the user has no theme
 * cookie): the shop's theme at once, so a dark shop does not flash light. `cookie` is Payload's
 * theme cookie name; `theme` is one of two literals.
 */
export const earlyThemeScript = (cookie: string, theme: 'dark' | 'light') =>
  `if(!/(?:^|; )${cookie.replace(/[^\w-]/g, '')}=(?:light|dark)(?:;|$)/.test(document.cookie))document.documentElement.setAttribute('data-theme','${theme === 'dark' ? 'dark' : 'light'}')`
