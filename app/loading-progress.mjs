// Trunk's initializer (data-initializer in index.html): while the
// WebAssembly arrives, the boot notice shows how much of it has come, as a
// native <progress> (role progressbar, its value read out by screen readers).
// The app removes the notice when it mounts (app/src/lib.rs), so nothing here
// has to. A module file, not an inline script, so the page's Content Security
// Policy needs no hash or 'unsafe-inline' for it.
export default function loadingProgress() {
  const bar = () => document.getElementById('boot-progress');
  const percent = () => document.getElementById('boot-percent');
  return {
    onProgress: ({ current, total }) => {
      const progress = bar();
      if (!progress || !(total > 0)) return;
      const share = Math.min(current, total) / total;
      progress.max = 100;
      progress.value = Math.round(share * 100);
      const label = percent();
      if (label) label.textContent = `${Math.round(share * 100)}%`;
    },
    onFailure: (error) => {
      const notice = document.getElementById('boot-notice');
      if (notice) {
        notice.textContent =
          'ISMS Workbench could not start in this browser. Reload the page; if it still fails, ' +
          'the browser may block WebAssembly.';
        notice.setAttribute('role', 'alert');
      }
      console.error(error);
    },
  };
}
