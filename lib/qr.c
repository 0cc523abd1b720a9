/*
 * qr.c: a QR code as an SVG image (libqrencode makes the matrix only).
 *
 * One unit of the viewBox is one module; around the code lies the quiet
 * zone of four light modules that scanners need.  Dark modules are drawn
 * as one path of horizontal runs, which keeps a 49-module code of a key
 * URI at a few kilobytes.  crispEdges stops anti-aliasing from blurring
 * module borders when the image is scaled.  The image is 4 CSS pixels a
 * module unless the page sizes it.
 */
#include <errno.h>

#include <qrencode.h>

#include "pforte.h"

#define QUIET	4	/* modules of light border */
#define PX	4	/* default size of a module in CSS pixels */

/* The image, or NULL when the text does not fit a QR code (ERANGE) or
 * libqrencode fails otherwise; nothing in it comes from text but the
 * modules, so there is nothing to escape. */
char *
pf_qr_svg(struct pf_pool *p, const char *text)
{
	struct pf_buf b = { NULL, 0, 0 };
	QRcode *q;
	char *out;
	int w, x, y, run;

	if ((q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL) {
		pf_log(NULL, PF_LOG_WARN, "qr: cannot encode %zu bytes: %s", strlen(text),
		    strerror(errno));
		return NULL;
	}
	w = q->width + 2 * QUIET;
	pf_buf_addf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    w * PX, w * PX, w, w, w, w);
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x += run) {
			for (run = 0; x + run < q->width &&
			    (q->data[y * q->width + x + run] & 1); run++)
				;
			if (run == 0) {
				run = 1;
				continue;
			}
			pf_buf_addf(&b, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
		}
	pf_buf_adds(&b, "\"/></svg>\n");
	/* The text is usually a key URI: the image is the secret, too. */
	pf_wipe(q->data, (size_t)q->width * (size_t)q->width);
	QRcode_free(q);
	out = pf_pstrndup(p, b.data, b.len);
	pf_wipe(b.data, b.len);
	pf_buf_free(&b);
	return out;
}
