/* diag: collecting, ordering and printing load-time diagnostics. */
#include "diag.h"

#include <fcntl.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "out.h"
#include "utf8.h"

void diag_add(Diags *d, DiagLevel level, const char *file, Loc loc,
              const char *fmt, ...)
{
	GROW(d->v, d->cap, d->n + 1);
	Diag *g = &d->v[d->n];
	g->level = level;
	g->file = xstrdup(file ? file : "");
	g->loc = loc;
	g->seq = d->n++;
	/* Formats are messages of tandem's catalogue (i18n.h binds it; the
	 * Makefile's XGETTEXT_KEYS finds them), said in the current language. */
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(dgettext("tandem", fmt), ap);
	va_end(ap);
	/* A message names keys and ids as the file wrote them: a control
	 * character in one is shown as an escape, not sent to the terminal
	 * nor silently dropped (which could make it read as a valid key). */
	g->msg = utf8_visible(text, strlen(text));
	free(text);
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

static int cmp_diag(const void *pa, const void *pb)
{
	const Diag *a = pa, *b = pb;
	if (a->file_rank != b->file_rank)
		return a->file_rank < b->file_rank ? -1 : 1;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diags_sort(Diags *d)
{
	/* Files keep the order in which they first produced a diagnostic;
	 * a check touches few files, so a linear list of them is enough. */
	if (d->n < 2)
		return;
	const char **files = NULL;
	size_t nfiles = 0, cap = 0;
	for (size_t i = 0; i < d->n; i++) {
		size_t r = 0;
		while (r < nfiles && !str_eq(files[r], d->v[i].file))
			r++;
		if (r == nfiles) {
			GROW(files, cap, nfiles + 1);
			files[nfiles++] = d->v[i].file;
		}
		d->v[i].file_rank = r;
	}
	free(files);
	qsort(d->v, d->n, sizeof(Diag), cmp_diag);
}

/* Reads line `line` of `file` into b; false if it cannot. */
static bool read_source_line(const char *file, uint32_t line, Buf *b)
{
	const char *why;
	int fd = file_open(file, O_RDONLY, &why);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	uint32_t at = 1;
	int c;
	while (at < line && (c = getc(f)) != EOF)
		if (c == '\n')
			at++;
	bool ok = at == line;
	while (ok && (c = getc(f)) != EOF && c != '\n')
		buf_addc(b, (char)c);
	fclose(f);
	return ok;
}

static void print_source(FILE *out, const Diag *g)
{
	Buf line = {0};
	if (g->loc.line && read_source_line(g->file, g->loc.line, &line)) {
		char *clean = utf8_sanitize(buf_str(&line), line.len);
		out_printf(out, " %s\n ", clean);
		free(clean);
		/* The caret sits under the column's character, tabs kept as tabs. */
		const char *s = buf_str(&line);
		for (uint32_t c = 1; c < g->loc.col && *s; c++) {
			fputc(*s == '\t' ? '\t' : ' ', out);
			s += utf8_seq_len((unsigned char)*s);
		}
		out_puts("^\n", out);
	}
	buf_free(&line);
}

void diags_print(const Diags *d, FILE *out, bool show_source)
{
	for (size_t i = 0; i < d->n; i++) {
		const Diag *g = &d->v[i];
		const char *level = g->level == DIAG_ERROR ? dgettext("tandem", "error")
		                                           : dgettext("tandem", "warning");
		if (g->loc.line)
			out_printf(out, "%s:%u:%u: %s: %s\n", g->file, g->loc.line,
			        g->loc.col, level, g->msg);
		else
			out_printf(out, "%s: %s: %s\n", g->file, level, g->msg);
		if (show_source)
			print_source(out, g);
	}
}

void diags_report(Diags *d, DiagQuote quote)
{
	diags_sort(d);
	diags_print(d, stderr, quote == DIAG_QUOTE && isatty(STDERR_FILENO));
}

void diags_add_all(Diags *to, const Diags *from)
{
	for (size_t i = 0; i < from->n; i++) {
		const Diag *g = &from->v[i];
		diag_add(to, g->level, g->file, g->loc, "%s", g->msg);
	}
}

void diags_free(Diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
