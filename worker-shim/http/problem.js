// RFC 9457 problem+json responses: the only way an error leaves the Worker. `detail` is
// written for the person reading it (what happened, what to do); never a stack trace, never
// a personal value from their files.
const TITLES = {
  400: "Bad request",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported media type",
  422: "Cannot convert these files", // not only "not an export": a zone missing, a file refused
  429: "Too many requests",
  500: "Internal error",
  503: "Service unavailable",
};

export function problem(status, detail, { type, headers, extra } = {}) {
  const body = {
    type: type ?? `https://trackersync.dev/problems/${status}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json; charset=utf-8", ...headers },
  });
}

// What a request sent (a path, a method, a header) is quoted back in a detail cut short: a
// 10 KB path must not make a 10 KB answer.
export function cut(text, max = 80) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// Thrown by request helpers (body readers, validators) deep inside a handler; the router turns
// it into the problem response it carries. Anything else thrown is a storage failure (503).
export class Problem extends Error {
  constructor(status, detail, options = {}) {
    super(detail);
    this.name = "Problem";
    this.status = status;
    this.options = options;
  }

  response() {
    return problem(this.status, this.message, this.options);
  }
}

export function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}
