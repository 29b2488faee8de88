/*
 * csv: comma-separated values as RFC 4180 writes them, for the files
 * translators open in a spreadsheet (`tandem strings --format csv`).
 *
 * A field is quoted when it holds a comma, a quote or a line break, a
 * quote inside it doubled. Records end with a line feed: RFC 4180 asks
 * for CR LF, but everything tandem prints goes through out.h, which lets
 * no CR reach a terminal, and every reader of CSV takes both; both are
 * read, and a CR LF inside a quoted field is read as a line feed.
 */
#ifndef TANDEM_CSV_H
#define TANDEM_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Appends s to out as one field (no separator). */
void csv_field(Buf *out, const char *s);

/* One record read: its fields (heap strings) and the line it starts on. */
typedef struct CsvRecord {
	char **fields;
	size_t n, cap;
	size_t line;
} CsvRecord;

void csv_record_free(CsvRecord *r);

/*
 * A reader over s[0..len), which must outlive it. csv_next reads the next
 * record into *r (freed and refilled each call): 1 for a record, 0 at the
 * end, -1 for a malformed one (a quote never closed, text after a closing
 * quote) with *err a static message and r->line its line.
 */
typedef struct CsvReader {
	const char *s;
	size_t len, pos, line;
} CsvReader;

void csv_reader_init(CsvReader *rd, const char *s, size_t len);
int csv_next(CsvReader *rd, CsvRecord *r, const char **err);

#endif
