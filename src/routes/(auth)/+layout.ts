// Client-side rendering only, like (app): the sign-in form must never be usable before the page is
// hydrated (a native submit would put the password in the URL), and a signed-in visitor is sent on
// without seeing it.
export const ssr = false;
