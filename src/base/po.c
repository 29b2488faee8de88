/* po: PO entries written with msgcat's conventions, and read back. */
#include "po.h"

#include <stdlib.h>
#include <string.h>

/* Appends s[0..n) between quotes, escaped as C and gettext do. */
static void quoted(Buf *out, const char *s, size_t n)
{
	buf_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_adds(out, "\\\""); break;
		case '\\': buf_adds(out, "\\\\"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\t': buf_adds(out, "\\t"); break;
		case '\r': buf_adds(out, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7F)
				buf_printf(out, "\\%03o", c);
			else
				buf_addc(out, (char)c);
		}
	}
	buf_addc(out, '"');
}

void po_string(Buf *out, const char *keyword, const char *s)
{
	const char *nl = strchr(s, '\n');
	buf_printf(out, "%s ", keyword);
	if (!nl || !nl[1]) {
		quoted(out, s, strlen(s));
		buf_addc(out, '\n');
		return;
	}
	/* Several lines: "" first, then one string per line, each ending with
	 * its \n, as msgcat writes them. */
	buf_adds(out, "\"\"\n");
	while (*s) {
		nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) + 1 : strlen(s);
		quoted(out, s, n);
		buf_addc(out, '\n');
		s += n;
	}
}

void po_entry_free(PoEntry *e)
{
	free(e->msgctxt);
	free(e->msgid);
	free(e->msgstr);
	*e = (PoEntry){ 0 };
}

void po_reader_init(PoReader *rd, const char *s, size_t len)
{
	*rd = (PoReader){ s, len, 0, 0 };
}

/* The next line, without its line break, into *line and *n; false at the end. */
static bool next_line(PoReader *rd, const char **line, size_t *n)
{
	if (rd->pos >= rd->len)
		return false;
	const char *start = rd->s + rd->pos;
	const char *nl = memchr(start, '\n', rd->len - rd->pos);
	*n = nl ? (size_t)(nl - start) : rd->len - rd->pos;
	rd->pos += *n + (nl != NULL);
	if (*n && start[*n - 1] == '\r')
		(*n)--;
	*line = start;
	rd->line++;
	return true;
}

static int octal(char c)
{
	return c >= '0' && c <= '7' ? c - '0' : -1;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One escape after a backslash at s[*i]: appends its byte, advances *i. */
static bool unescape(const char *s, size_t n, size_t *i, Buf *out)
{
	static const char from[] = "ntrabfv\"\\'?", to[] = "\n\t\r\a\b\f\v\"\\'?";
	const char *k = *i < n ? strchr(from, s[*i]) : NULL;
	if (k && *k) {
		buf_addc(out, to[k - from]);
		(*i)++;
		return true;
	}
	int v = 0, digits = 0;
	if (*i < n && s[*i] == 'x') {
		for ((*i)++; *i < n && hex(s[*i]) >= 0 && digits < 2; (*i)++, digits++)
			v = v * 16 + hex(s[*i]);
	} else {
		for (; *i < n && octal(s[*i]) >= 0 && digits < 3; (*i)++, digits++)
			v = v * 8 + octal(s[*i]);
	}
	if (!digits || v == 0)
		return false;
	buf_addc(out, (char)v);
	return true;
}

/* A "..." string at s[0..n) (blanks around it allowed), appended to out. */
static bool string_into(const char *s, size_t n, Buf *out)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n || s[i++] != '"')
		return false;
	while (i < n && s[i] != '"') {
		if (s[i] == '\\') {
			i++;
			if (!unescape(s, n, &i, out))
				return false;
		} else {
			buf_addc(out, s[i++]);
		}
	}
	if (i >= n)
		return false;
	for (i++; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Which string a keyword line starts, and where its own string begins. */
static char **keyword(PoEntry *e, const char *s, size_t n, size_t *rest)
{
	static const char *const words[] = { "msgctxt", "msgid", "msgstr" };
	char **slots[] = { &e->msgctxt, &e->msgid, &e->msgstr };
	for (size_t k = 0; k < ARRAY_LEN(words); k++) {
		size_t w = strlen(words[k]);
		if (n > w && strncmp(s, words[k], w) == 0 && (s[w] == ' ' || s[w] == '\t')) {
			*rest = w;
			return slots[k];
		}
	}
	if ((n > 12 && strncmp(s, "msgid_plural", 12) == 0) ||
	    (n > 7 && strncmp(s, "msgstr[", 7) == 0)) {
		e->plural = true;
		*rest = strcspn(s, " \t");
		return NULL;
	}
	return NULL;
}

/* The entry being read: the string its last keyword opened. */
typedef struct Reading {
	PoEntry *e;
	char **slot;
	Buf b;
	bool any;
} Reading;

static void close_string(Reading *r)
{
	if (r->slot) {
		free(*r->slot);
		*r->slot = buf_take(&r->b);
	}
	buf_free(&r->b);
	r->slot = NULL;
}

/* Whether s[0..n) holds word (a flag of a `#,` line). */
static bool has_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	for (size_t i = 0; i + w <= n; i++)
		if (strncmp(s + i, word, w) == 0)
			return true;
	return false;
}

int po_next(PoReader *rd, PoEntry *e, const char **err, size_t *where)
{
	po_entry_free(e);
	Reading r = { e, NULL, { 0 }, false };
	const char *s;
	size_t n;
	size_t mark = rd->pos, mark_line = rd->line;
	while (next_line(rd, &s, &n)) {
		bool blank = strspn(s, " \t") >= n;
		if (blank || (n >= 2 && s[0] == '#' && s[1] == '~')) {
			if (r.any)
				break;
		} else if (s[0] == '#') {
			/* A comment after strings starts the next entry. */
			if (r.any && (e->msgstr || r.slot == &e->msgstr || e->plural)) {
				rd->pos = mark;
				rd->line = mark_line;
				break;
			}
			if (n >= 2 && s[1] == ',' && has_word(s, n, "fuzzy"))
				e->fuzzy = true;
		} else if (s[0] == '"') {
			if ((!r.slot && !e->plural) || (r.slot && !string_into(s, n, &r.b))) {
				buf_free(&r.b);
				*err = r.slot ? "a string that is not closed or not well escaped"
				              : "a string that follows no keyword";
				*where = rd->line;
				return -1;
			}
		} else {
			size_t rest = 0;
			char **slot = keyword(e, s, n, &rest);
			/* A keyword once strings ended starts the next entry. */
			if (slot && *slot) {
				rd->pos = mark;
				rd->line = mark_line;
				break;
			}
			close_string(&r);
			if (!slot && !e->plural) {
				*err = "a line that is no PO keyword (msgctxt, msgid, msgstr) nor string";
				*where = rd->line;
				return -1;
			}
			if (!r.any)
				e->line = rd->line;
			r.any = true;
			r.slot = slot;
			if (slot && !string_into(s + rest, n - rest, &r.b)) {
				buf_free(&r.b);
				*err = "a string that is not closed or not well escaped";
				*where = rd->line;
				return -1;
			}
		}
		mark = rd->pos;
		mark_line = rd->line;
	}
	close_string(&r);
	if (!r.any)
		return 0;
	if (!e->msgid) {
		*err = "an entry without msgid";
		*where = e->line;
		return -1;
	}
	return 1;
}
