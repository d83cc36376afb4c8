/*!
 * Portico embed script: puts the support portal inside a company's page.
 *
 *   <script src="https://portal.example.com/embed.js" data-path="/requests" async></script>
 *
 * Optional attributes on the script tag:
 *   data-path       the portal page to open (default /requests)
 *   data-sso-token  a single sign-on JWT minted by your server for the signed-in customer
 *   data-theme      light | dark
 *   data-brand      your brand colour, #rgb or #rrggbb
 *   data-font       a font family name available on the customer's device, e.g. "Inter"
 *   data-locale     the portal's language: en | de | fr | es | ja | ar (default: the customer's
 *                   own choice, else their browser's languages)
 *   data-title      the frame's accessible title (default "Support requests")
 *   data-height     the frame's height in pixels until the portal reports its own (default 600)
 *   data-loading    lazy (default) | eager
 *
 * No dependencies. The frame posts its content height; only messages from the portal's origin,
 * from this frame, are accepted.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var portal = new URL(script.src).origin;
  var data = script.dataset;

  var path = data.path || '/requests';
  // Only the portal's own paths: never another origin through `//host` or `/\host`.
  if (path.charAt(0) !== '/' || path.charAt(1) === '/' || path.charAt(1) === '\\') path = '/requests';

  var url;
  if (data.ssoToken) {
    url = new URL('/sso', portal);
    url.searchParams.set('jwt', data.ssoToken);
    url.searchParams.set('return_to', path);
  } else {
    url = new URL(path, portal);
  }
  url.searchParams.set('embed', '1');
  url.searchParams.set('host', window.location.origin);
  ['theme', 'brand', 'font', 'locale'].forEach(function (name) {
    if (data[name]) url.searchParams.set(name, data[name]);
  });

  var frame = document.createElement('iframe');
  frame.src = url.toString();
  frame.title = data.title || 'Support requests';
  frame.loading = data.loading === 'eager' ? 'eager' : 'lazy';
  frame.style.display = 'block';
  frame.style.width = '100%';
  frame.style.border = '0';
  frame.style.height = (Number(data.height) > 0 ? Number(data.height) : 600) + 'px';
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener('message', function (event) {
    if (event.origin !== portal || event.source !== frame.contentWindow) return;
    var message = event.data;
    if (!message || message.type !== 'portico:height') return;
    var height = Number(message.height);
    if (!isFinite(height) || height <= 0) return;
    frame.style.height = Math.min(Math.ceil(height), 100000) + 'px';
  });
})();
