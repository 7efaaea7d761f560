// Client-side rendering only: who is signed in is known only in the browser (the session lives in
// localStorage), so rendering these pages on the server could only produce a loading screen.
export const ssr = false;
