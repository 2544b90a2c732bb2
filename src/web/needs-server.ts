/**
 * A classic script (not a module), so it runs where the page's modules do not:
 * opened from a file, a browser refuses the page's module script and worker
 * (a file has no origin they may come from), and the page would say
 * "Planning…" for ever. It says what to do instead.
 */
if (location.protocol === 'file:') {
  const notice = document.getElementById('needs-server');
  if (notice) notice.hidden = false;
  const status = document.getElementById('status');
  if (status) status.textContent = 'Not planned: the page needs a server (see above).';
}
