/*
 * term: how what the session shows looks, on a terminal or down a pipe.
 *
 * Every text is sanitized first: a dialogue or an answer interpolated
 * into it could hold escape sequences, and only tandem's own SGR
 * sequences reach the terminal. A style is switched on and off on each
 * line, so that a line cut by the terminal or a resize never leaves the
 * colour bleeding into the next prompt. Widths are display columns
 * (utf8_width): an accented letter is one column, a CJK character two.
 */
#include "term.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "utf8.h"

/* A line narrower than this after its indent is no line: wrap wider. */
enum { MIN_TEXT_COLUMNS = 8, SECTION_IN_PROMPT = 24, MIN_TYPING = 10 };

#define SGR_RESET "\x1b[0m"

/* Readline's brackets around characters that take no column. */
#define RL_IGNORE_START "\001"
#define RL_IGNORE_END "\002"

Term term_new(FILE *out)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	Term t = { out, false, 0, NULL, false };
	t.color = isatty(fileno(out)) && !(no_color && *no_color) && term && *term &&
	          strcmp(term, "dumb") != 0;
	return t;
}

void term_set_width(Term *t, size_t columns)
{
	t->width = columns;
}

/* ---- wrapping ---- */

/* How many bytes of w[0..n) fit in room columns; at least one character,
 * so that a word always moves on. */
static size_t fit_bytes(const char *w, size_t n, size_t room)
{
	size_t i = 0, cols = 0;
	while (i < n) {
		size_t k = utf8_seq_len((unsigned char)w[i]);
		if (k > n - i)
			k = n - i;
		size_t cw = utf8_width(w + i, k);
		if (i > 0 && cols + cw > room)
			break;
		cols += cw;
		i += k;
	}
	return i;
}

static void add_spaces(Buf *b, size_t n)
{
	while (n--)
		buf_addc(b, ' ');
}

typedef struct Wrap {
	Buf *b;
	size_t width;
	size_t hang;    /* columns of the lines after the first */
	size_t col;     /* where the next character goes */
	bool fresh;     /* nothing written on this line yet */
} Wrap;

static void new_line(Wrap *w)
{
	buf_addc(w->b, '\n');
	add_spaces(w->b, w->hang);
	w->col = w->hang;
	w->fresh = true;
}

/* Places one word (no spaces in it), on a new line if it does not fit. */
static void place_word(Wrap *w, const char *p, size_t n)
{
	size_t cols = utf8_width(p, n);
	if (!w->fresh && w->col + 1 + cols > w->width)
		new_line(w);
	if (!w->fresh) {
		buf_addc(w->b, ' ');
		w->col++;
	}
	while (w->col + cols > w->width) {
		size_t k = fit_bytes(p, n, w->width - w->col);
		buf_add(w->b, p, k);
		p += k, n -= k;
		cols = utf8_width(p, n);
		if (!n)
			return;
		new_line(w);
	}
	buf_add(w->b, p, n);
	w->col += cols;
	w->fresh = false;
}

/* Whether the word at p (end at end) is one that must not begin a line:
 * French punctuation written after a space (? ! : ; ») that a dialogue
 * wrote with a plain space rather than a no-break one. */
static bool clings_back(const char *p, const char *end)
{
	if (p < end && strchr("?!:;", *p))
		return true;
	return end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xBB; /* » */
}

/* Whether the word p[0..k) must not end a line: an opening « . */
static bool clings_on(const char *p, size_t k)
{
	return k == 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xAB;
}

/* The length of the word at p, with the spaces and the punctuation that
 * must stay on its line (see clings_back and clings_on). */
static size_t word_len(const char *p, const char *end)
{
	size_t k = 0;
	for (;;) {
		while (p + k < end && p[k] != ' ' && p[k] != '\t')
			k++;
		size_t gap = k;
		while (p + gap < end && (p[gap] == ' ' || p[gap] == '\t'))
			gap++;
		if (p + gap >= end || gap == k)
			return k;
		if (!clings_back(p + gap, end) && !clings_on(p, k))
			return k;
		k = gap;
	}
}

/* Wraps one line of text (no newline in it). */
static void wrap_line(Buf *b, const char *line, size_t n, size_t width, size_t indent)
{
	size_t lead = 0;
	while (lead < n && line[lead] == ' ')
		lead++;
	if (lead == n) {
		buf_addc(b, '\n');
		return;
	}
	add_spaces(b, lead);
	Wrap w = { b, width, indent + lead, indent + lead, true };
	if (w.width < w.hang + MIN_TEXT_COLUMNS)
		w.width = w.hang + MIN_TEXT_COLUMNS;
	const char *p = line + lead, *end = line + n;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		size_t k = word_len(p, end);
		if (k)
			place_word(&w, p, k);
		p += k;
	}
	buf_addc(b, '\n');
}

void term_wrap(Buf *b, const char *text, size_t width, size_t indent)
{
	const char *p = text;
	do {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		/* A paragraph of its own still lines up under the prefix. */
		if (p != text && n)
			add_spaces(b, indent);
		if (width == 0) {
			buf_add(b, p, n);
			buf_addc(b, '\n');
		} else {
			wrap_line(b, p, n, width, indent);
		}
		p = nl ? nl + 1 : p + n;
	} while (*p);
}

/* ---- showing ---- */

typedef struct Style {
	const char *prefix;
	const char *sgr;    /* NULL: the terminal's own colours */
} Style;

static Style style_of(ShowKind kind, const char *lang)
{
	switch (kind) {
	case SHOW_SECTION: return (Style){ "", "1;36" };
	case SHOW_COACH: return (Style){ "[coach] ", "3;33" };
	case SHOW_QUESTION: return (Style){ "", "1" };
	case SHOW_INFO: return (Style){ "", "2" };
	case SHOW_INVALID: return (Style){ "! ", "31" };
	case SHOW_COVERED: return (Style){ "[x] ", "32" };
	case SHOW_MISSED: return (Style){ "[ ] ", "31" };
	case SHOW_REFERENCE: return (Style){ msg(lang, MSG_REFERENCE), "34" };
	case SHOW_SCORE: return (Style){ "", "1" };
	case SHOW_END: return (Style){ "", "1" };
	default: return (Style){ "", NULL };
	}
}

/* Prints lines, each in sgr, the first after prefix (every one with
 * every_line). */
static void print_styled(const Term *t, const char *sgr, const char *prefix, const char *lines,
                         bool every_line)
{
	bool color = t->color && sgr;
	const char *p = lines;
	while (*p) {
		size_t n = strcspn(p, "\n");
		fprintf(t->out, "%s%s%s%s%.*s%s\n", color ? "\x1b[" : "", color ? sgr : "",
		        color ? "m" : "", prefix, (int)n, p, color ? SGR_RESET : "");
		if (!every_line)
			prefix = "";
		p += n + (p[n] == '\n');
	}
}

/* Prints text after prefix, in sgr: wrapped, further lines lined up under
 * the first; or, unwrapped (a pipe, a log), every line after the prefix,
 * so that each says what it is. */
static void show_text(const Term *t, const char *sgr, const char *prefix, const char *text)
{
	Buf b = { 0 };
	if (t->width) {
		term_wrap(&b, text, t->width, utf8_width(prefix, strlen(prefix)));
	} else {
		buf_adds(&b, text);
		if (!b.len || buf_str(&b)[b.len - 1] != '\n')
			buf_addc(&b, '\n');
	}
	print_styled(t, sgr, prefix, buf_str(&b), t->width == 0);
	buf_free(&b);
}

/* The menu or range that goes with a question. */
static void show_hint(const Term *t, const Request *r)
{
	if (!r || r->kind != REQ_ANSWER)
		return;
	for (size_t i = 0; i < r->nchoices; i++) {
		char *number = xasprintf("  %zu) ", i + 1);
		char *label = utf8_sanitize(r->labels[i], strlen(r->labels[i]));
		Buf b = { 0 };
		term_wrap(&b, label, t->width, strlen(number));
		if (t->color)
			fprintf(t->out, "\x1b[36m%s" SGR_RESET, number);
		else
			fputs(number, t->out);
		print_styled(t, NULL, "", buf_str(&b), false);
		buf_free(&b);
		free(label);
		free(number);
	}
	if (r->scale && !t->prompted) {
		char *range = xasprintf("(%ld-%ld)", r->min, r->max);
		print_styled(t, "36", "", range, false);
		free(range);
	}
}

void term_show(const Term *t, ShowKind kind, const char *text, const Request *r)
{
	char *clean = utf8_sanitize(text, strlen(text));
	Style st = style_of(kind, t->lang);
	if (kind == SHOW_SECTION) {
		char *heading = xasprintf("== %s ==", clean);
		fputc('\n', t->out);
		show_text(t, st.sgr, "", heading);
		free(heading);
	} else {
		show_text(t, st.sgr, st.prefix, clean);
	}
	if (kind == SHOW_QUESTION)
		show_hint(t, r);
	free(clean);
}

/* ---- the prompt ---- */

/* Appends s in sgr, its escapes bracketed for readline. */
static void add_styled(Buf *b, const Term *t, const char *sgr, const char *s)
{
	if (t->color)
		buf_printf(b, RL_IGNORE_START "\x1b[%sm" RL_IGNORE_END, sgr);
	buf_adds(b, s);
	if (t->color)
		buf_adds(b, RL_IGNORE_START SGR_RESET RL_IGNORE_END);
}

/* What the line takes, in brackets, or NULL for a plain answer. */
static char *what_it_takes(const Request *r, const char *lang)
{
	if (r->kind == REQ_CONTINUE)
		return xasprintf("(%s)", msg(lang, MSG_PROMPT_ENTER));
	if (r->kind == REQ_PHRASING)
		return xasprintf("(%s)", msg(lang, MSG_PROMPT_WORDS));
	Buf b = { 0 };
	if (r->nchoices > 1)
		buf_printf(&b, "1-%zu", r->nchoices);
	else if (r->nchoices == 1)
		buf_adds(&b, "1");
	else if (r->scale)
		buf_printf(&b, "%ld-%ld", r->min, r->max);
	if (r->optional)
		buf_printf(&b, "%s%s", b.len ? ", " : "", msg(lang, MSG_PROMPT_OPTIONAL));
	if (r->ends_on_empty)
		buf_printf(&b, "%s%s", b.len ? ", " : "", msg(lang, MSG_PROMPT_LIST_ENDS));
	char *s = b.len ? xasprintf("(%s)", buf_str(&b)) : NULL;
	buf_free(&b);
	return s;
}

/* "[Section #3]", the section cut to `room` columns at most (and to
 * SECTION_IN_PROMPT), or left out when even a cut one would not fit. */
static char *where_it_is(const Request *r, size_t turn, size_t room)
{
	if (room > SECTION_IN_PROMPT)
		room = SECTION_IN_PROMPT;
	if (!r->section || room < 6)
		return xasprintf("[#%zu]", turn);
	char *clean = utf8_sanitize(r->section, strlen(r->section));
	size_t n = strlen(clean);
	char *s;
	if (utf8_width(clean, n) > room)
		s = xasprintf("[%.*s... #%zu]", (int)fit_bytes(clean, n, room - 3), clean, turn);
	else
		s = xasprintf("[%s #%zu]", clean, turn);
	free(clean);
	return s;
}

char *term_prompt(const Term *t, const Request *r, size_t turn)
{
	Buf b = { 0 };
	char *takes = what_it_takes(r, t->lang);
	/* The prompt fits the line with room left to type, so that it never
	 * wraps mid-word: the section gives way first. */
	char number[32];
	size_t fixed = (size_t)snprintf(number, sizeof(number), "[ #%zu] > ", turn) + MIN_TYPING +
	               (takes ? utf8_width(takes, strlen(takes)) + 1 : 0);
	size_t room = !t->width ? SIZE_MAX : t->width > fixed ? t->width - fixed : 0;
	char *where = where_it_is(r, turn, room);
	add_styled(&b, t, "2", where);
	if (takes) {
		buf_addc(&b, ' ');
		add_styled(&b, t, "36", takes);
	}
	add_styled(&b, t, "1", ">");
	buf_addc(&b, ' ');
	free(takes);
	free(where);
	return buf_take(&b);
}
