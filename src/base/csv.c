/* csv: RFC 4180 fields written, records read. */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

void csv_field(Buf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_adds(out, s);
		return;
	}
	buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(out, '"');
		buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

void csv_record_free(CsvRecord *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	free(r->fields);
	*r = (CsvRecord){ 0 };
}

void csv_reader_init(CsvReader *rd, const char *s, size_t len)
{
	*rd = (CsvReader){ s, len, 0, 1 };
}

static void add_field(CsvRecord *r, Buf *b)
{
	GROW(r->fields, r->cap, r->n + 1);
	r->fields[r->n++] = buf_take(b);
}

/* A quoted field, from just past its opening quote to just past its
 * closing one. False when it never closes. */
static bool quoted(CsvReader *rd, Buf *b)
{
	while (rd->pos < rd->len) {
		char c = rd->s[rd->pos++];
		if (c == '"' && rd->pos < rd->len && rd->s[rd->pos] == '"') {
			buf_addc(b, '"');
			rd->pos++;
		} else if (c == '"') {
			return true;
		} else if (c == '\r' && rd->pos < rd->len && rd->s[rd->pos] == '\n') {
			continue;  /* CR LF inside a field: a line feed */
		} else {
			if (c == '\n')
				rd->line++;
			buf_addc(b, c);
		}
	}
	return false;
}

int csv_next(CsvReader *rd, CsvRecord *r, const char **err)
{
	csv_record_free(r);
	if (rd->pos >= rd->len)
		return 0;
	r->line = rd->line;
	Buf b = { 0 };  /* buf_take gives "" for an empty field */
	for (;;) {
		bool at_end = rd->pos >= rd->len;
		char c = at_end ? '\n' : rd->s[rd->pos];
		if (c == '"' && b.len == 0) {
			rd->pos++;
			if (!quoted(rd, &b)) {
				buf_free(&b);
				*err = "a quoted field is never closed";
				return -1;
			}
			c = rd->pos < rd->len ? rd->s[rd->pos] : '\n';
			if (c != ',' && c != '\n' && c != '\r') {
				buf_free(&b);
				*err = "text after the closing quote of a field";
				return -1;
			}
			continue;
		}
		if (c == ',') {
			rd->pos++;
			add_field(r, &b);
		} else if (c == '\n' || c == '\r') {
			add_field(r, &b);
			if (!at_end)
				rd->pos += (c == '\r' && rd->pos + 1 < rd->len && rd->s[rd->pos + 1] == '\n')
				           ? 2 : 1;
			rd->line++;
			return 1;
		} else {
			buf_addc(&b, c);
			rd->pos++;
		}
	}
}
