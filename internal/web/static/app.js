// kovit works without JavaScript; this file only adds small conveniences.
// Focus the error summary after a failed form post so screen-reader users hear it first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});
