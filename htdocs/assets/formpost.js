/* response_mode=form_post (templates/sso_formpost.cs): send the answer to
 * the application at once.  A file, not inline script, so that the CSP
 * keeps script-src 'self'; the page's button does the same without it. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	var f = document.getElementById("sso-formpost");
	if (f) {
		f.submit();
	}
});
