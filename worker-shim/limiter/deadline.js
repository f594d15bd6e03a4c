// Races a promise against a deadline. A binding that hangs must not hold a request (or the
// cron) hostage: past the deadline we decide without it.
export class DeadlineError extends Error {
  constructor(what, ms) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = "DeadlineError";
  }
}

export async function withDeadline(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
