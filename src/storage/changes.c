/* changes: the log of what happened to commitments between sessions. */
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
	changes_parse(c, path, data, len, d);
	free(data);
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
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
	              0600);
	bool ok = fd >= 0 && fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || (errno = EINVAL, 0));
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
