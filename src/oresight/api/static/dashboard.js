// Dashboard forms: call the JSON API and show its answer (with explanations) as a table.
const out = document.getElementById("tool-result");
const country = document.getElementById("tools").dataset.country;

function esc(value) {
  const swap = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  return String(value ?? "").replace(/[&<>"]/g, (c) => swap[c]);
}

function table(head, rows) {
  const th = head.map((h) => "<th>" + esc(h) + "</th>").join("");
  const trs = rows.map((r) => "<tr>" + r.map((c) => "<td>" + esc(c) + "</td>").join("") + "</tr>");
  return "<table><tr>" + th + "</tr>" + trs.join("") + "</table>";
}

async function ask(url) {
  const reply = await fetch(url);
  const body = await reply.json();
  if (!reply.ok) throw new Error(body.error || reply.statusText);
  return body;
}

function show(promise) {
  promise.catch((err) => { out.innerHTML = "<p class=note>" + esc(err.message) + "</p>"; });
}

document.getElementById("screen-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const name = new FormData(event.target).get("name");
  show(ask("/screen?name=" + encodeURIComponent(name)).then((body) => {
    // the party's primary name beside the name that matched: the alias "ZINC" is LAZARUS GROUP
    const rows = body.matches.map((m) =>
      [m.list, m.reference, m.name, m.matched_name === m.name ? "" : m.matched_name,
       m.score.toFixed(2), m.match, m.explanation]);
    out.innerHTML = table(
      ["list", "reference", "party", "matched alias", "score", "match", "why"], rows);
  }));
});

document.getElementById("rules-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const query = new URLSearchParams({ hs: form.get("hs"), date: form.get("date"), origin: country });
  show(ask("/rules/check?" + query).then((body) => {
    const rows = body.verdicts.map((v) => [
      v.regime,
      v.status,
      v.measures.map((m) => m.instrument + " " + m.paragraph + (m.verified ? "" : " [unverified]"))
        .join("; "),
      v.explanation,
    ]);
    out.innerHTML = table(["regime", "status", "provisions", "why"], rows);
  }));
});
