// Catalogue filters: hide the courses that do not match, and say how many remain.
(function () {
  var form = document.getElementById('filters');
  var courses = Array.prototype.slice.call(document.querySelectorAll('#courses > .course'));
  var count = document.getElementById('result-count');
  function apply() {
    var language = form.language.value;
    var occupation = form.occupation.value;
    var credits = Number(form.credits.value) || 0;
    var shown = 0;
    courses.forEach(function (course) {
      var match = (!language || course.dataset.language === language) &&
        (!occupation || course.dataset.occupation === occupation) &&
        Number(course.dataset.credits) >= credits;
      course.hidden = !match;
      if (match) shown++;
    });
    count.textContent = shown + (shown === 1 ? ' course shown' : ' courses shown');
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  apply();
})();
