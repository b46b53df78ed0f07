// Two small things, nothing the pages need to work: a confirmation before marking a
// false hit, and on the alerts page a note when new alerts arrive (Server-Sent Events).
document.querySelectorAll("form.confirm").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (!window.confirm(form.dataset.confirm || "Are you sure?")) event.preventDefault();
  });
});
(function () {
  var note = document.getElementById("live");
  if (!note || !window.EventSource) return;
  var fresh = 0;
  var source = new EventSource("/api/v1/alerts/stream?after=" + encodeURIComponent(note.dataset.lastId || "0"));
  source.addEventListener("alert", function () {
    fresh += 1;
    note.hidden = false;
    note.querySelector("span").textContent = fresh + (fresh === 1 ? " new alert" : " new alerts") + " since this page was loaded.";
  });
})();
