/*
 * changes: the log of what happened to commitments between sessions.
 *
 * Sealed (the coach has a key, vault.h): each change is one chunk of the
 * log's stream, appended and fsync'd as a line is; a plain log met then is
 * sealed whole, with the new change, and put in place of the plain one
 * (file_replace), so that a log is never part plain and part sealed.
 */
#include "changes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "fileio.h"
#include "i18n.h"
#include "util.h"
#include "vault.h"
#include "yamlout.h"
#include "ydoc.h"

enum { MAX_LOG = 16 * 1024 * 1024 };

static char *text_of(const YNode *map, const char *key)
{
	const YNode *v = ymap_get(map, key);
	return v && v->kind == Y_SCALAR ? xstrndup(v->u.text, v->len) : NULL;
}

/* One line of the log as a change; false when it is not one. */
static bool read_line(const char *path, const char *line, size_t len, Change *c)
{
	Diags quiet = { 0 };
	YDoc *doc = ydoc_load_mem(path, line, len, NULL, &quiet);
	bool ok = false;
	const YNode *item = doc && doc->root && doc->root->kind == Y_SEQ ? doc->root->u.first : NULL;
	time_t at;
	if (item && item->kind == Y_MAP && !quiet.errors) {
		char *when = text_of(item, "at");
		*c = (Change){ .commitment = text_of(item, "commitment"),
		               .status = text_of(item, "status"), .when = text_of(item, "when"),
		               .due = text_of(item, "due") };
		ok = c->commitment && c->status && when && clock_parse(when, &at);
		c->at = ok ? at : 0;
		free(when);
		if (!ok) {
			free(c->commitment), free(c->status), free(c->when), free(c->due);
			*c = (Change){ 0 };
		}
	}
	ydoc_free(doc);
	diags_free(&quiet);
	return ok;
}

/* Time order; changes of one second in the order they were written. */
static int cmp_at(const void *a, const void *b)
{
	const Change *x = a, *y = b;
	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	return (x->line > y->line) - (x->line < y->line);
}

bool changes_read(Changes *c, const char *folder, Diags *d)
{
	*c = (Changes){ 0 };
	char *path = xasprintf("%s/%s", folder, CHANGES_FILE);
	const char *why = NULL;
	int fd = file_open(path, O_RDONLY | O_NOFOLLOW, &why);
	char *data = NULL;
	size_t len = 0, size = 0;
	int err = fd < 0 ? (errno == ENOENT ? 0 : errno) : file_read(fd, 0, MAX_LOG, &data, &len, &size);
	if (fd >= 0)
		close(fd);
	if (!err && len > MAX_LOG)
		err = EFBIG;
	VaultFile f = { 0 };
	char *closed = NULL;
	if (!err && !vault_open(path, data, len, &f, NULL, &closed)) {
		if (d)
			diag_warning(d, path, loc_at(0, 0), "%s", closed);
		free(closed);
		free(data);
		free(path);
		return false;
	}
	if (err) {
		/* Read as empty, the log would reopen what it closed: said, and
		 * changes_append is not to be trusted on it either. */
		if (d)
			diag_warning(d, path, loc_at(0, 0), "cannot read the changes of commitments: %s",
			             strerror(err));
		free(data);
		free(path);
		return false;
	}
	if (d && f.refused)
		diag_warning(d, path, loc_at(0, 0), "the log was altered after its change %zu; what "
		             "follows is left out", f.chunks);
	else if (d && f.torn)
		diag_warning(d, path, loc_at(0, 0), "the last change was cut short while it was "
		             "written; it is left out");
	free(data);
	changes_parse(c, path, f.data, f.len, d);
	vault_file_free(&f);
	free(path);
	return true;
}

void changes_parse(Changes *c, const char *name, const char *data, size_t len, Diags *d)
{
	*c = (Changes){ 0 };
	size_t cap = 0;
	unsigned lineno = 0;
	for (size_t at = 0; data && at < len; lineno++) {
		const char *nl = memchr(data + at, '\n', len - at);
		if (!nl)
			break; /* cut short by a crash: never written */
		size_t n = (size_t)(nl - (data + at));
		Change one;
		if (n && read_line(name, data + at, n, &one)) {
			one.line = lineno;
			GROW(c->v, cap, c->n + 1);
			c->v[c->n++] = one;
		} else if (n && d) {
			diag_warning(d, name, loc_at(lineno + 1, 1),
			             "this line is not a change of a commitment; it is left out");
		}
		at += n + 1;
	}
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), cmp_at);
}

void changes_free(Changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].commitment);
		free(c->v[i].status);
		free(c->v[i].when);
		free(c->v[i].due);
	}
	free(c->v);
	*c = (Changes){ 0 };
}

/* The log at path, plain, sealed whole with line after it, in its place. */
static bool seal_anew(const char *path, const char *plain, size_t n, const Buf *line,
                      char **err)
{
	Buf out = { 0 };
	Sealed *s = vault_start(&out, err);
	bool ok = s != NULL;
	if (ok && n) {
		sealed_push(s, plain, n, &out);
		if (plain[n - 1] != '\n') /* a line a crash cut short: ended */
			sealed_push(s, "\n", 1, &out);
	}
	if (ok) {
		sealed_push(s, line->data, line->len, &out);
		if (!(ok = file_replace(path, out.data, out.len, true)))
			*err = xasprintf(_("cannot write '%s': %s"), path, strerror(errno));
	}
	sealed_free(s);
	buf_free(&out);
	return ok;
}

/* Appends line to the log open at fd as its next chunk: the log's own
 * stream taken up where its last whole chunk left it, a torn one cut off
 * first; a plain log is sealed anew instead. */
static bool append_sealed(int fd, const char *path, const Buf *line, char **err)
{
	char *data = NULL;
	size_t len = 0, size = 0;
	int e = file_read(fd, 0, MAX_LOG, &data, &len, &size);
	if (e || len > MAX_LOG) {
		*err = xasprintf(_("cannot read '%s': %s"), path, strerror(e ? e : EFBIG));
		return false;
	}
	VaultFile f;
	Sealed *s = NULL;
	bool ok = vault_open(path, data, len, &f, &s, err);
	if (ok && !f.sealed) {
		ok = seal_anew(path, data, len, line, err);
	} else if (ok && f.refused) {
		*err = xasprintf(_("'%s' was altered after its change %zu; nothing was added to it"),
		                 path, f.chunks);
		ok = false;
	} else if (ok) {
		Buf out = { 0 };
		sealed_push(s, line->data, line->len, &out);
		ok = ftruncate(fd, (off_t)f.whole) == 0 &&
		     lseek(fd, (off_t)f.whole, SEEK_SET) >= 0 && file_write_all(fd, out.data, out.len) &&
		     fsync(fd) == 0;
		if (!ok) {
			*err = xasprintf(_("cannot write '%s': %s"), path, strerror(errno));
			(void)!ftruncate(fd, (off_t)f.whole);
		}
		buf_free(&out);
	}
	sealed_free(s);
	vault_file_free(&f);
	free(data);
	return ok;
}

bool changes_append(const char *folder, const Change *c, char **err)
{
	char iso[32];
	clock_iso(c->at, iso);
	Buf b = { 0 };
	buf_adds(&b, "- {commitment: ");
	yamlout_quote(&b, c->commitment);
	buf_adds(&b, ", status: ");
	yamlout_name(&b, c->status);
	if (c->when)
		yamlout_field(&b, "when", c->when);
	if (c->due)
		yamlout_field(&b, "due", c->due);
	yamlout_field(&b, "at", iso);
	buf_adds(&b, "}\n");
	char *path = xasprintf("%s/%s", folder, CHANGES_FILE);
	struct stat st;
	bool fresh = lstat(path, &st) != 0;
	bool seal = vault_on();
	int fd = open(path, O_RDWR | (seal ? 0 : O_APPEND) | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
	              O_NONBLOCK, 0600);
	bool ok = fd >= 0 && fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || (errno = EINVAL, 0));
	if (ok && seal) {
		ok = append_sealed(fd, path, &b, err) && (!fresh || file_sync_folder(folder));
		close(fd);
		buf_free(&b);
		free(path);
		return ok;
	}
	/* A line a crash cut short is ended first, so that it does not run on
	 * into this one: it stays unreadable, this one is whole. */
	char last = '\n';
	if (ok && st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') {
		Buf whole = { 0 };
		buf_addc(&whole, '\n');
		buf_add(&whole, b.data, b.len);
		buf_free(&b);
		b = whole;
	}
	ok = ok && file_write_all(fd, b.data, b.len) && fsync(fd) == 0;
	ok = ok && (!fresh || file_sync_folder(folder));
	if (!ok)
		*err = xasprintf(_("cannot write '%s': %s"), path, strerror(errno));
	if (fd >= 0)
		close(fd);
	buf_free(&b);
	free(path);
	return ok;
}
