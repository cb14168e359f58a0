// Paper entry: number keys choose a position in the focused row of options.
// Grades take the grade itself (4–9, and 0 for 10); other scales take 1 for the first option.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (!target || target.type !== "radio" || !/^[0-9]$/.test(event.key)) return;
  if (!target.closest("[data-number-keys]")) return;
  var group = Array.prototype.slice.call(
    target.form.querySelectorAll('input[type=radio][name="' + CSS.escape(target.name) + '"]'));
  var grades = group.every(function (r) { return /^(4|5|6|7|8|9|10)$/.test(r.value); });
  var choice = grades
    ? group.find(function (r) { return r.value === (event.key === "0" ? "10" : event.key); })
    : group[Number(event.key) - 1];
  if (choice) {
    choice.checked = true;
    choice.focus();
    event.preventDefault();
  }
});
