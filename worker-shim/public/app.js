// The page's script. Same origin only: the Content-Security-Policy forbids third parties.
const statusEl = document.getElementById("status");

async function showStatus() {
  try {
    const res = await fetch("/api/status", { headers: { accept: "application/json" } });
    const body = await res.json();
    statusEl.textContent = body.status === "unknown" ? "No health check has run yet." : `Status: ${body.status} (checked ${body.ageSeconds} s ago)`;
    statusEl.dataset.state = body.status;
  } catch {
    statusEl.textContent = "The service could not be reached.";
    statusEl.dataset.state = "unreachable";
  }
}

showStatus();
