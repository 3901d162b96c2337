// Catalogue filters: every filter applies at once, the choice is kept in the address
// (so a link or a reload shows the same list), and an empty result says so with a reset.
// Copy buttons put a package's SHA-256 on the clipboard. The words it writes come from the
// page (#catalogue-words, in the page's language): the page's CSP allows no inline script.
(function () {
  var words = JSON.parse(document.getElementById('catalogue-words').textContent);
  var plurals = typeof Intl === 'object' && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;

  // The form of a counted message for `count`, with each {name} filled in from `values`.
  function say(message, count, values) {
    var text = (plurals && message[plurals.select(count)]) || message.other;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  var form = document.getElementById('filters');
  var courses = Array.prototype.slice.call(document.querySelectorAll('#courses > .course'));
  var count = document.getElementById('result-count');
  var empty = document.getElementById('empty');
  var names = ['language', 'occupation', 'credits'];

  function fromAddress() {
    var params = new URLSearchParams(location.hash.slice(1));
    names.forEach(function (name) {
      var value = params.get(name);
      var select = form[name];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = value !== null && known ? value : select.options[0].value;
    });
  }

  function toAddress() {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      var select = form[name];
      if (select.value !== select.options[0].value) params.set(name, select.value);
    });
    var hash = params.toString();
    try {
      history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
    } catch (e) {
      location.hash = hash;
    }
  }

  function apply() {
    var language = form.language.value;
    var occupation = form.occupation.value;
    var credits = Number(form.credits.value) || 0;
    var shown = 0;
    courses.forEach(function (course) {
      var match = (!language || (course.dataset.languages || course.dataset.language).split(' ').indexOf(language) >= 0) &&
        (!occupation || course.dataset.occupation === occupation) &&
        Number(course.dataset.credits) >= credits;
      course.hidden = !match;
      if (match) shown++;
      // A chosen language shows that language's packages only.
      Array.prototype.forEach.call(course.querySelectorAll('.edition'), function (edition) {
        edition.hidden = Boolean(language) && edition.dataset.language !== language;
      });
    });
    count.textContent = say(words.shown, courses.length, { shown: shown, total: courses.length });
    empty.hidden = shown > 0;
  }

  function reset() {
    names.forEach(function (name) { form[name].value = form[name].options[0].value; });
    toAddress();
    apply();
    form.language.focus();
  }

  form.addEventListener('change', function () {
    toAddress();
    apply();
  });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  document.getElementById('reset-filters').addEventListener('click', reset);
  document.getElementById('reset-empty').addEventListener('click', reset);
  window.addEventListener('hashchange', function () {
    fromAddress();
    apply();
  });

  var copied = document.getElementById('copied');
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand('copy');
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.copy');
    if (!button) return;
    copyText(button.dataset.copy).then(function () {
      button.textContent = words.copied;
      copied.textContent = words.copiedStatus;
    }, function () {
      copied.textContent = words.copyRefused;
    });
  });

  fromAddress();
  apply();
})();
