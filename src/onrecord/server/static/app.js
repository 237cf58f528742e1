// onrecord reader: click (or Enter on) a highlighted statement to show its speaker, cue, medium and kind.
// Everything is read from data-* attributes the server rendered (escaped) and written with textContent only.
(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  function show(span) {
    var id = span.getAttribute("data-st");
    var row = $("st-" + id);
    if (!row || !$("detail-fields")) return;
    var d = row.dataset;
    var link = $("d-speaker");
    link.textContent = d.speaker || "unresolved";
    var href = d.speakerHref || "";
    if (href.charAt(0) === "/" && href.charAt(1) !== "/") { link.setAttribute("href", href); } else { link.removeAttribute("href"); }
    $("d-mention").textContent = d.mention || "–";
    $("d-cue").textContent = d.cue || "–";
    $("d-medium").textContent = d.medium || "–";
    $("d-kind").textContent = d.kind || "–";
    $("d-resolution").textContent = d.resolution || "–";
    $("detail-fields").hidden = false;
    $("detail-hint").hidden = true;
    document.querySelectorAll(".st.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll('.st[data-st="' + CSS.escape(id) + '"]').forEach(function (el) { el.classList.add("active"); });
  }
  document.addEventListener("click", function (ev) {
    var span = ev.target.closest && ev.target.closest(".st");
    if (span && !ev.target.closest("a")) { show(span); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.classList && ev.target.classList.contains("st")) { show(ev.target); }
  });
})();
