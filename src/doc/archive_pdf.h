/* archive_pdf.h: the quality archive (质量档案) of an institution as an A4 PDF, drawn with cairo and pango in
 * a Noto CJK font like the certificate (cert_pdf.c). Pure rendering: it draws the JSON of
 * quality_archive_json (svc/supervision/archive.h) and knows no table: a title block from "institution" and
 * "generated_at", then each of "sections" in order — its title with the count, its note, and its "items" as
 * a table with the section's "columns" ({key, title}); a table continues on the next page with its heading
 * row repeated; every page carries the institution's name and the page number. */
#ifndef JINENG_ARCHIVE_PDF_H
#define JINENG_ARCHIVE_PDF_H

#include "util/err.h"
#include <jansson.h>
#include <stddef.h>

/* archive_pdf: the PDF in a malloc'd buffer */
int archive_pdf(json_t *archive, char **pdf, size_t *len, err *e);

#endif
