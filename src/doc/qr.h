/* qr.h: QR codes (libqrencode, error correction level M, 8-bit mode) drawn as vector squares with cairo. */
#ifndef JINENG_QR_H
#define JINENG_QR_H

#include "util/err.h"
#include <cairo.h>

/* qr_draw: draws the QR code of text with its top-left corner at (x, y), `size` points wide including the
 * 4-module quiet zone. Returns 0, or -1 with e set when the text does not fit a QR code. */
int qr_draw(cairo_t *cr, const char *text, double x, double y, double size, err *e);
/* qr_png: the QR code as a PNG image (scale pixels per module) in a malloc'd buffer */
int qr_png(const char *text, int scale, char **png, size_t *len, err *e);

#endif
