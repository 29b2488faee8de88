/* render: finding and substituting `{name}` in dialogue texts. */
#include "render.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"
#include "util.h"

/* What starts at a given byte of a text. */
typedef enum PieceKind {
	PIECE_TEXT,   /* bytes copied as they are */
	PIECE_BRACE,  /* "{{" or "}}": one brace */
	PIECE_NAME,   /* {name} */
	PIECE_ERROR,
} PieceKind;

typedef struct Piece {
	PieceKind kind;
	size_t len;                /* bytes of text the piece covers */
	size_t name_at, name_len;  /* PIECE_NAME: the name, spaces trimmed */
	const char *err;           /* PIECE_ERROR: a msgid */
} Piece;

static bool is_ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * Whether s[0..n) is a variable name: an identifier, optionally qualified
 * by called dialogues' ids, which may hold '-' (`questions-puissantes.x`).
 * The same rule as names in expressions.
 */
static bool is_name(const char *s, size_t n)
{
	size_t i = 0;
	for (;;) {
		size_t j = i;
		while (j < n && (is_ident_char(s[j]) || s[j] == '-'))
			j++;
		if (j == i || j + 1 >= n || s[j] != '.' || !is_ident_start(s[j + 1]))
			break;
		i = j + 1;
	}
	if (i >= n || !is_ident_start(s[i]))
		return false;
	while (i < n && is_ident_char(s[i]))
		i++;
	return i == n;
}

static Piece brace_piece(const char *s)
{
	const char *close = strchr(s, '}');
	if (!close)
		return (Piece){ .kind = PIECE_ERROR, .err = N_("unclosed '{': write '{{' for a brace") };
	size_t a = 1, b = (size_t)(close - s);
	while (a < b && s[a] == ' ')
		a++;
	while (b > a && s[b - 1] == ' ')
		b--;
	if (!is_name(s + a, b - a))
		return (Piece){ .kind = PIECE_ERROR, .err = N_("'{…}' must hold a variable name") };
	return (Piece){ .kind = PIECE_NAME, .len = (size_t)(close - s) + 1,
	                .name_at = a, .name_len = b - a };
}

/* The piece starting at s, which is not at the end of the text. */
static Piece next_piece(const char *s)
{
	if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}'))
		return (Piece){ .kind = PIECE_BRACE, .len = 2 };
	if (s[0] == '{')
		return brace_piece(s);
	/* A lone '}' is kept: only '{' starts something. */
	size_t n = 1;
	while (s[n] && s[n] != '{' && s[n] != '}')
		n++;
	return (Piece){ .kind = PIECE_TEXT, .len = n };
}

bool render_scan(const char *text,
                 void (*fn)(void *ctx, const char *name, size_t len, size_t pos),
                 void *ctx, char **err, size_t *pos)
{
	for (size_t i = 0; text[i];) {
		Piece p = next_piece(text + i);
		if (p.kind == PIECE_ERROR) {
			*err = xstrdup(_(p.err));
			*pos = i;
			return false;
		}
		if (p.kind == PIECE_NAME && fn)
			fn(ctx, text + i + p.name_at, p.name_len, i);
		i += p.len;
	}
	return true;
}

static void add_value(Buf *out, const char *name, size_t len,
                      const Value *(*lookup)(void *ctx, const char *name), void *ctx)
{
	char *key = xstrndup(name, len);
	const Value *v = lookup ? lookup(ctx, key) : NULL;
	free(key);
	if (!v)
		return;
	/* An answer pasted over several lines stays on the line it is put in:
	 * a recap ("deep impact: {deep_impact}") keeps one line a name. */
	char *s = val_to_text(v);
	for (const char *c = s; *c;) {
		size_t run = strcspn(c, "\r\n");
		buf_add(out, c, run);
		c += run;
		if (*c) {
			c += strspn(c, "\r\n");
			buf_adds(out, *c ? " / " : "");
		}
	}
	free(s);
}

char *render(const char *text, const Value *(*lookup)(void *ctx, const char *name),
             void *ctx)
{
	Buf out = { 0 };
	for (size_t i = 0; text[i] && out.len <= RENDER_MAX_BYTES;) {
		Piece p = next_piece(text + i);
		if (p.kind == PIECE_BRACE) {
			buf_addc(&out, text[i]);
		} else if (p.kind == PIECE_NAME) {
			add_value(&out, text + i + p.name_at, p.name_len, lookup, ctx);
		} else if (p.kind == PIECE_ERROR) {
			/* render_scan refuses such texts at load; should one get here,
			 * its brace shows as written and the rest still renders. */
			buf_addc(&out, '{');
			p.len = 1;
		} else {
			buf_add(&out, text + i, p.len);
		}
		i += p.len;
	}
	char *clean = utf8_sanitize(buf_str(&out), out.len < RENDER_MAX_BYTES ? out.len
	                                                                      : RENDER_MAX_BYTES);
	buf_free(&out);
	return clean;
}
