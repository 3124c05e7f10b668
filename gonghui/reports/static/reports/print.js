// The Print button: a file, not an inline handler, so the Content-Security-Policy needs no exception for it.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
