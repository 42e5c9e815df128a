/* archive.h: 质量档案 — the quality archive of one evaluation institution (issue 13 §9, docs/DOMAIN.md
 * "质量档案"): everything the system holds on its quality in one answer, as a list of sections, each filled
 * by one function of archive.c: its filing (备案) and filed scope, the changes of that scope, its status
 * history, the signed inspections of its sittings with their problem counts, the complaints about it
 * (never the complainant's identity nor the complaint's text), and the anomalies found in its sittings
 * (answer-copying flags). The PDF (src/doc/archive_pdf.c) draws the same JSON.
 *
 * Readers (scope entity SE_QUALITY_ARCHIVE, src/core/scope.c): the province, the institution's city, its own
 * administrator and the supervisors who inspected one of its sittings; 404 for anybody else. Reading the
 * JSON changes nothing and is not audited; the PDF export is (quality_archive.export, with the sections'
 * counts and the PDF's SM3), like the house's other documents (the bank file, the finance workbooks). */
#ifndef JINENG_SUPERVISION_ARCHIVE_H
#define JINENG_SUPERVISION_ARCHIVE_H

#include "core/principal.h"
#include "doc/export.h"
#include "store/db.h"
#include <jansson.h>

/* one section: key, Chinese title, a note on what it holds or leaves out, its columns (the keys of its
 * items, with their Chinese headings, as the PDF prints them), and the function that appends its items */
struct archive_section {
	const char *key;
	const char *title;
	const char *note;
	const struct export_col *cols;
	size_t ncols;
	int (*fill)(db *d, int64_t institution_id, json_t *items, err *e);
};

/* the sections in the order of the archive */
extern const struct archive_section archive_sections[];
extern const size_t archive_nsections;

/* quality_archive_json: {institution {id, name, credit_code, region_code, region_name, status,
 * status_name}, generated_at, sections [{key, title, note, columns [{key, title}], count, items}]} for a
 * principal within the scope (404 not_found otherwise, as for an institution it cannot see). */
json_t *quality_archive_json(db *d, const principal *a, int64_t institution_id, err *e);

/* quality_archive_pdf: the same archive as an A4 PDF (malloc'd in *pdf), its file name in `filename`; the
 * export audited in its own transaction (nothing is returned when the record cannot be written) */
int quality_archive_pdf(db *d, const principal *a, int64_t institution_id, char **pdf, size_t *len,
			char *filename, size_t fnlen, err *e);

#endif
