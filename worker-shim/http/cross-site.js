// Requests another website makes a visitor's browser send. A page on any origin can fire
// `fetch(B + "/api/status", {mode: "no-cors"})` in a loop; the browser sends it from the
// visitor's own address, so if it were charged, that page could spend — and get refused on
// behalf of — the visitor's network. Such a request is refused here, before the cookie is read,
// the limiter is called or any binding is touched, so it costs the visitor nothing.
//
// How it is recognised, from what browsers send and a page cannot forge:
//   Sec-Fetch-Site: cross-site   — every current browser marks a request made by another site;
//                   or same-site   — by a page on another host of the same site (a sibling
//                                   subdomain of a custom domain), which sends no Origin on a
//                                   no-cors GET and, SameSite=Lax, the visitor's cookie: it
//                                   could spend the visitor's own tiers (attack finding). The
//                                   page is served from the API's own origin, so only
//                                   same-origin and none (a typed URL) pass.
//   Origin not this site's own   — sent on cross-origin fetches and every POST, also by
//                                   browsers that predate Sec-Fetch-*; "null" (a sandboxed
//                                   frame, a data: URL) is not this site either.
// A script (curl, the CLI's users) sends neither header and is served as before. What this
// cannot stop: a browser too old to send either header on a no-cors GET. From another site
// that request carries no cookie (SameSite=Lax), so it is charged to the network's requests
// without a cookie, and can get only those refused, never a visitor who holds a cookie
// (limiter/identity.js); from another host of the same site (a custom domain's sibling) it
// carries the visitor's cookie, and can spend the visitor's own tiers — as any page of that
// site can, which is the site owner's to keep trustworthy.
import { cut, problem } from "./problem.js";

// Returns the 403 to answer with, or null for a request this site (or a script) made.
export function crossSiteRefusal(request, url) {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  let from = null;
  const fetchSite = site?.trim().toLowerCase();
  if (fetchSite === "cross-site" || fetchSite === "same-site") from = origin ?? "another website";
  else if (origin !== null && origin !== url.origin) from = origin;
  if (from === null) return null;
  return problem(
    403,
    `TrackerSync's API answers only its own page and scripts that call it directly; this request came from ${cut(from)}, ` +
      "another website, so it was refused and nothing was charged. Open TrackerSync's page itself, or call the API from a script.",
    { type: "https://trackersync.dev/problems/cross-site" },
  );
}
