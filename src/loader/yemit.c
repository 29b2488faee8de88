/*
 * yemit: scalars written to read back as a given text.
 *
 * A block's header (`|`, `>`, a chomping sign `-` or `+`, an indentation
 * digit) is read from the file; its content's indentation is that of its
 * first line that is not blank. The chomping sign of the new block is
 * the new text's own: none for one final line break, `-` for none, `+`
 * for more.
 */
#include "yemit.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

/* A block scalar of the file: its header and where its content is. */
typedef struct Block {
	char indicator;        /* '|' or '>' */
	char chomp;            /* '-', '+' or 0 */
	const char *comment;   /* what follows the header's signs on its line */
	size_t ncomment;
	size_t indent;         /* of its content, in spaces */
	size_t content_end;    /* past its last line that is not blank ('+': all) */
} Block;

static bool blank_line(const char *s, size_t n)
{
	return strspn(s, " ") >= n;
}

/* Reads the block at sp; false when it is not one this module rewrites
 * (an indentation digit, no content line). */
static bool block_of(const char *data, const YSpan *sp, Block *b)
{
	const char *p = data + sp->start, *end = data + sp->end;
	*b = (Block){ .indicator = *p, .content_end = sp->end };
	for (p++; p < end && strchr("+-0123456789", *p); p++) {
		if (*p >= '0' && *p <= '9')
			return false;
		b->chomp = *p;
	}
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		return false;
	b->comment = p;
	b->ncomment = (size_t)(eol - p);
	bool first = true;
	for (const char *line = eol + 1; line < end;) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		if (!blank_line(line, n)) {
			if (first)
				b->indent = strspn(line, " ");
			first = false;
			if (b->chomp != '+')
				b->content_end = (size_t)((nl ? nl + 1 : line + n) - data);
		}
		line += n + (nl != NULL);
	}
	return !first && b->indent > 0;
}

/* Whether text can be a block's content: printable, tabs and line breaks
 * aside, its first line not starting with a blank, something in it. */
static bool block_text(const char *text)
{
	const char *first = text + strspn(text, "\n");
	if (!*first || *first == ' ' || *first == '\t' || first != text)
		return false;
	for (const unsigned char *s = (const unsigned char *)text; *s; s++)
		if ((*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7F)
			return false;
	/* NEL, LS, PS and a BOM would read as line breaks or vanish. */
	return !strstr(text, "\xC2\x85") && !strstr(text, "\xE2\x80\xA8") &&
	       !strstr(text, "\xE2\x80\xA9") && !strstr(text, "\xEF\xBB\xBF");
}

static void indent_to(Buf *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_addc(out, ' ');
}

/* Where one line of a `>` block's value may be cut: at a single space
 * between two other characters (a space beside another, or at either
 * end, would not fold back into one). */
static bool cut_at(const char *s, size_t n, size_t j)
{
	return s[j] == ' ' && j > 0 && s[j - 1] != ' ' && j + 1 < n && s[j + 1] != ' ';
}

/* One line of a `>` block's value, wrapped at 80 columns where it may. */
static void folded_line(Buf *out, const char *s, size_t n, size_t indent)
{
	size_t width = indent + 40 < 80 ? 80 - indent : 40, col = 0;
	indent_to(out, indent);
	for (size_t i = 0; i < n;) {
		size_t w = i + 1;
		while (w < n && !cut_at(s, n, w))
			w++;
		size_t cols = utf8_count(s + i, w - i);
		if (i > 0 && col + 1 + cols > width) {
			buf_addc(out, '\n');
			indent_to(out, indent);
			col = 0;
		} else if (i > 0) {
			buf_addc(out, ' ');
			col++;
		}
		buf_add(out, s + i, w - i);
		col += cols;
		i = w + 1;
	}
	buf_addc(out, '\n');
}

/* The block's lines for text (its final line breaks already in the
 * header's chomping sign). */
static void block_body(Buf *out, const Block *b, const char *body, size_t n)
{
	bool folded = b->indicator == '>';
	size_t empties = 0;
	for (size_t i = 0; i <= n;) {
		const char *nl = memchr(body + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (body + i)) : n - i;
		if (len == 0) {
			empties++;
		} else {
			/* A `>` block folds one line break into a space: a break of
			 * the text is an empty line more. */
			for (size_t k = 0; k < empties + (folded && i > 0); k++)
				buf_addc(out, '\n');
			empties = 0;
			if (folded) {
				folded_line(out, body + i, len, b->indent);
			} else {
				indent_to(out, b->indent);
				buf_add(out, body + i, len);
				buf_addc(out, '\n');
			}
		}
		if (!nl)
			break;
		i += len + 1;
	}
}

/* Writes the block; true when it keeps its final line breaks (`+`): blank
 * lines after it would then be its own. */
static bool block(Buf *out, const Block *b, const char *text)
{
	size_t n = strlen(text), trailing = 0;
	while (trailing < n && text[n - 1 - trailing] == '\n')
		trailing++;
	buf_addc(out, b->indicator);
	if (trailing != 1)
		buf_addc(out, trailing ? '+' : '-');
	buf_add(out, b->comment, b->ncomment);
	buf_addc(out, '\n');
	block_body(out, b, text, n - trailing);
	for (size_t i = 1; i < trailing; i++)
		buf_addc(out, '\n');
	return trailing > 1;
}

static void double_quoted(Buf *out, const char *text)
{
	buf_addc(out, '"');
	for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_printf(out, "\\%c", *s);
		else if (*s == '\n')
			buf_adds(out, "\\n");
		else if (*s == '\t')
			buf_adds(out, "\\t");
		else if (*s < 0x20 || *s == 0x7F)
			buf_printf(out, "\\x%02X", *s);
		else if (s[0] == 0xC2 && s[1] == 0x85)
			buf_adds(out, "\\N"), s++;
		else if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
			buf_adds(out, s[2] == 0xA8 ? "\\L" : "\\P"), s += 2;
		else if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
			buf_adds(out, "\\uFEFF"), s += 2;
		else
			buf_addc(out, (char)*s);
	}
	buf_addc(out, '"');
}

/* Whether another YAML reader would take text, written plain, for
 * something else than text: a truth value or null of YAML 1.1 (tandem
 * reads them as text, PyYAML does not), or what could be a number. */
static bool other_than_text(const char *text)
{
	static const char *const words[] = { "y", "n", "yes", "no", "true", "false", "on", "off",
		                             "null", "~" };
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcasecmp(text, words[i]) == 0)
			return true;
	return strspn(text, "0123456789+-.eE_:xXoObB") == strlen(text);
}

/* Whether text can be written plain anywhere a value stands, a flow
 * collection included: one line of printable text that YAML reads as
 * nothing but text. Cautious: what it refuses is double-quoted. */
static bool plain_text(const char *text)
{
	size_t n = strlen(text);
	if (other_than_text(text))
		return false;
	if (!n || strchr(" \t", text[0]) || strchr(" \t:", text[n - 1]) ||
	    strchr("-?:,[]{}#&*!|>'\"%@`", text[0]))
		return false;
	if (strpbrk(text, ",[]{}\n\r\t") || strstr(text, ": ") || strstr(text, " #"))
		return false;
	return block_text(text);
}

static bool one_line(const char *text)
{
	return !strchr(text, '\n') && block_text(text);
}

static void single_quoted(Buf *out, const char *text)
{
	buf_addc(out, '\'');
	for (const char *s = text; *s; s++) {
		if (*s == '\'')
			buf_addc(out, '\'');
		buf_addc(out, *s);
	}
	buf_addc(out, '\'');
}

/* Whether the scalar s[0..n) reads back as text: parsed as the value of a
 * mapping of its own (a block's lines are indented already). */
static bool reads_as(const char *s, size_t n, const char *text)
{
	Buf doc = { 0 };
	buf_adds(&doc, "k: ");
	buf_add(&doc, s, n);
	if (!n || s[n - 1] != '\n')
		buf_addc(&doc, '\n');
	Diags quiet = { 0 };
	YDoc *d = ydoc_load_mem("scalar", buf_str(&doc), doc.len, NULL, &quiet);
	const YNode *v = d && !quiet.errors ? ymap_get(d->root, "k") : NULL;
	bool same = v && v->kind == Y_SCALAR && str_eq(v->u.text, text);
	ydoc_free(d);
	diags_free(&quiet);
	buf_free(&doc);
	return same;
}

size_t yemit_replace(Buf *out, const char *data, size_t len, const YSpan *sp, const char *text)
{
	(void)len;
	size_t from = out->len, end = sp->end;
	Block b;
	bool is_block = sp->style == YS_LITERAL || sp->style == YS_FOLDED;
	bool shaped = is_block && block_of(data, sp, &b);
	if (shaped && block_text(text))
		end = block(out, &b, text) ? sp->end : b.content_end;
	else if (!is_block && sp->style == YS_PLAIN && plain_text(text))
		buf_adds(out, text);
	else if (!is_block && sp->style == YS_SINGLE && one_line(text))
		single_quoted(out, text);
	if (out->len > from && reads_as(out->data + from, out->len - from, text))
		return end;
	if (shaped)
		end = b.content_end;
	out->len = from;
	if (out->data)
		out->data[from] = '\0';
	double_quoted(out, text);
	if (!reads_as(out->data + from, out->len - from, text))
		BUG("a double-quoted scalar does not read back as its text");
	if (shaped) {
		/* The block's header comment stays, after the quoted text. */
		buf_add(out, b.comment, b.ncomment);
		buf_addc(out, '\n');
	} else if (is_block) {
		end = sp->end;
		buf_addc(out, '\n');
	}
	return end;
}
