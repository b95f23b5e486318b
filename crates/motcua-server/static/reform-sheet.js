// The PAR sheet, enhanced (docs/par-sipas.md, "Screens"). The sheet is one
// form that works without this script; with it:
// - what is typed is kept as a draft a moment after each change, so a
//   closed tab or a lost connection loses nothing ("Đã lưu nháp lúc 14:05");
// - an appraisal's reason field shows only where the appraised score differs
//   from the unit's own, the only rows where the rules ask for one.
(function () {
  'use strict';
  var form = document.getElementById('sheet-form');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var status = document.getElementById('draft-status');
  var url = form.getAttribute('data-draft');
  var timer = null;
  var busy = false;
  var again = false;
  var submitting = false;

  function hundredths(text) {
    var t = String(text).trim().replace(',', '.');
    if (t === '' || isNaN(Number(t))) return null;
    return Math.round(Number(t) * 100);
  }

  function saveDraft() {
    timer = null;
    if (submitting) return;
    if (busy) { again = true; return; }
    busy = true;
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' },
      body: new URLSearchParams(new FormData(form))
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (j) {
      if (status) status.textContent = j.message;
    }).catch(function () {
      if (status) status.textContent = status.getAttribute('data-failed');
    }).then(function () {
      busy = false;
      if (again) { again = false; saveDraft(); }
    });
  }

  function changed() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(saveDraft, 1500);
  }

  // A reason is asked for where the appraisal differs from the unit's
  // score; a reason already written stays visible.
  function toggleReason(input) {
    var code = input.id.replace(/^appr-/, '');
    var box = form.querySelector('[data-reason-for="' + code + '"]');
    if (!box) return;
    var typed = hundredths(input.value);
    // data-self is the unit's score in hundredths already.
    var own = parseInt(input.getAttribute('data-self'), 10);
    if (isNaN(own)) own = null;
    var text = box.querySelector('textarea');
    var differs = typed !== null && own !== null && typed !== own;
    box.hidden = !differs && !(text && text.value.trim());
  }

  var appraisals = form.querySelectorAll('input[data-self]');
  for (var i = 0; i < appraisals.length; i++) toggleReason(appraisals[i]);

  form.addEventListener('input', function (e) {
    if (e.target && e.target.hasAttribute && e.target.hasAttribute('data-self')) toggleReason(e.target);
    changed();
  });
  form.addEventListener('submit', function () {
    submitting = true;
    if (timer) clearTimeout(timer);
  });
})();
