// Holdout web pages: upload progress. Every form works without this file; with it, a file upload
// shows how much has been sent and the server's answer replaces the page as a normal submit would.
(function () {
  'use strict';
  function bind(root) {
    root.querySelectorAll('form.upload').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.FormData || !window.XMLHttpRequest) return;
        event.preventDefault();
        var bar = form.querySelector('progress');
        var button = form.querySelector('button[type=submit]');
        if (bar) { bar.hidden = false; bar.value = 0; }
        if (button) button.disabled = true;
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.upload.addEventListener('progress', function (e) {
          if (bar && e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total);
        });
        xhr.addEventListener('load', function () {
          if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== form.action) {
            window.location.assign(xhr.responseURL);
            return;
          }
          var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
          document.title = doc.title;
          document.body.replaceWith(document.importNode(doc.body, true));
          bind(document);
          var error = document.querySelector('.field-error, .notice.error');
          if (error) error.scrollIntoView();
        });
        xhr.addEventListener('error', function () {
          if (button) button.disabled = false;
          if (bar) bar.hidden = true;
          window.alert('The upload did not reach the server; check the connection and try again.');
        });
        xhr.send(new FormData(form));
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () { bind(document); });
}());
