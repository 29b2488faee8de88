/*
 * journal: client folders, their transcripts in start order, and the
 * History a new or resumed session draws from them.
 *
 * Why openat with O_NOFOLLOW rather than a stat before mkdir: the check and
 * the use must be about the same folder. The home is opened without
 * following a link, and the client folder is made and opened relative to
 * that descriptor, so neither can be a symbolic link at the moment it is
 * used. (The transcript itself is then created with O_EXCL and O_NOFOLLOW
 * by transcript_write.c.)
 *
 * Why an index (jindex.h) rather than the transcripts read at every start:
 * a person doing a daily check-in has a thousand sessions in three years,
 * and reading them all cost `history` and a session's first prompt 190 ms
 * at 2,000 sessions. The transcripts stay the record: the index is checked
 * against them before each use and rebuilt from them when it disagrees.
 */
#include "journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "fileio.h"
#include "i18n.h"
#include "jindex.h"
#include "jlock.h"
#include "paths.h"
#include "clients.h"
#include "map.h"
#include "utf8.h"
#include "util.h"
#include "vault.h"

/* Longest folder name made from a client's name: well under NAME_MAX,
 * with room left for nothing else since the name is the whole entry. */
enum { MAX_FOLDER_NAME = 200 };

char *journal_home(void)
{
	const char *env = getenv("TANDEM_HOME");
	if (env && *env)
		return xstrdup(env);
	char *data = paths_data_home();
	char *home = xasprintf("%s/clients", data);
	free(data);
	return home;
}

/* ---- folder names ---- */

static bool kept_ascii(char c, bool first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c == '.' ? !first : (c && strchr("-_@+", c) != NULL);
}

/* Whether the 3-byte character at s is invisible or reorders text (zero
 * width spaces and joiners, line separators, bidirectional controls, BOM):
 * a folder name with one would not look like the name it holds. */
static bool invisible3(const unsigned char *s)
{
	if (s[0] == 0xEF)
		return s[1] == 0xBB && s[2] == 0xBF;
	if (s[0] != 0xE2 || s[1] != 0x80)
		return s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA0 && s[2] <= 0xAF;
	return (s[2] >= 0x8B && s[2] <= 0x8F) || (s[2] >= 0xA8 && s[2] <= 0xAE);
}

/* Length of a valid non-ASCII UTF-8 character at s that is visible and
 * not a C1 control (those are encoded), or 0. */
static size_t kept_utf8(const char *s)
{
	size_t len = utf8_seq_len((unsigned char)s[0]);
	size_t bad, have = strnlen(s, len);
	if (len < 2 || have < len || !utf8_valid(s, len, &bad))
		return 0;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] < 0xA0)
		return 0;
	if (len == 3 && invisible3((const unsigned char *)s))
		return 0;
	return len;
}

char *journal_folder_name(const char *client, char **err)
{
	if (!client)
		return xstrdup("self");
	if (!*client) {
		*err = xstrdup("the client's name is empty");
		return NULL;
	}
	Buf b = { 0 };
	for (const char *s = client; *s;) {
		size_t keep = (unsigned char)*s < 0x80 ? kept_ascii(*s, s == client) : kept_utf8(s);
		if (keep) {
			buf_add(&b, s, keep);
			s += keep;
		} else {
			buf_printf(&b, "%%%02X", (unsigned char)*s++);
		}
	}
	if (b.len > MAX_FOLDER_NAME) {
		buf_free(&b);
		*err = xstrdup("the client's name is too long for a folder name");
		return NULL;
	}
	return buf_take(&b);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *journal_client_name(const char *folder_name)
{
	Buf b = { 0 };
	for (const char *s = folder_name; *s; s++) {
		int hi, lo;
		if (*s == '%' && (hi = hex_digit(s[1])) >= 0 && (lo = hex_digit(s[2])) >= 0) {
			buf_addc(&b, (char)(hi * 16 + lo));
			s += 2;
		} else {
			buf_addc(&b, *s);
		}
	}
	return buf_take(&b);
}

/* ---- folders ---- */

/*
 * fsyncs the folder that holds name (relative to at, or a path): a folder
 * just made is on disk only once its parent is, and with it every
 * transcript it will hold. False with errno on failure.
 */
static bool sync_parent(int at, const char *name)
{
	if (at != AT_FDCWD)
		return fsync(at) == 0;
	const char *slash = strrchr(name, '/');
	char *parent = !slash ? xstrdup(".")
	                      : xstrndup(name, slash == name ? 1 : (size_t)(slash - name));
	bool ok = file_sync_folder(parent);
	int e = errno;
	free(parent);
	errno = e;
	return ok;
}

static bool is_link_at(int dirfd, const char *name)
{
	struct stat st;
	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

/* An error about a journal folder, for *err: what names it ('%s') and
 * the reason (%s), errno's. */
static char *folder_error(const char *what, const char *path, bool link)
{
	if (link)
		return xasprintf(_("the journal folder '%s' is a symbolic link; transcripts are "
		                 "only kept in a real folder"), path);
	return xasprintf(what, path, strerror(errno));
}

/* Opens dir (relative to at, or absolute) as a folder without following a
 * link; with create, makes it 0700 first. -1 with *err on failure. */
static int open_folder(int at, const char *name, const char *path, bool create, char **err)
{
	bool made = create && mkdirat(at, name, 0700) == 0;
	if (create && !made && errno != EEXIST) {
		*err = folder_error(_("cannot create the journal folder '%s': %s"), path, false);
		return -1;
	}
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		bool link = (e == ELOOP || e == ENOTDIR) && is_link_at(at, name);
		errno = e;
		*err = folder_error(e == ENOENT ? _("cannot find the journal folder '%s': %s")
		                                   : _("cannot open the journal folder '%s': %s"), path, link);
		return -1;
	}
	if (made) { /* exactly 0700, whatever the umask took away */
		(void)fchmod(fd, 0700);
		if (!sync_parent(at, name)) {
			*err = folder_error(_("cannot create the journal folder '%s': %s"), path, false);
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* The folder name of client: an existing client's whose name has the same
 * key, else one made from the name's composed form. */
static char *folder_of(const char *client, char **err)
{
	if (!client || clients_is_self(client))
		return xstrdup("self");
	Clients all;
	char *none = NULL;
	if (clients_read(&all, &none)) {
		const Client *c = clients_find(&all, client);
		char *name = c ? xstrdup(c->folder) : NULL;
		clients_free(&all);
		if (name)
			return name;
	}
	free(none); /* unreadable: opening the folder says why below */
	char *nfc = utf8_nfc(client);
	char *name = journal_folder_name(nfc, err);
	free(nfc);
	return name;
}

/* The folder `name` of the home, made when create; takes name. */
static char *named_folder(char *name, bool create, char **err)
{
	char *home = journal_home();
	char *path = xasprintf("%s/%s", home, name);
	int hfd = -1;
	if (create && !file_make_parents(home))
		*err = folder_error(_("cannot create the journal folder '%s': %s"), home, false);
	else
		hfd = open_folder(AT_FDCWD, home, home, create, err);
	int cfd = hfd >= 0 ? open_folder(hfd, name, path, create, err) : -1;
	if (hfd >= 0)
		close(hfd);
	if (cfd >= 0)
		close(cfd);
	free(home);
	free(name);
	if (cfd < 0) {
		free(path);
		return NULL;
	}
	return path;
}

char *journal_folder(const char *client, bool create, char **err)
{
	char *name = folder_of(client, err);
	return name ? named_folder(name, create, err) : NULL;
}

char *journal_unfiled(char **err)
{
	return named_folder(xstrdup(".unfiled"), true, err);
}

char *journal_new_path(const char *folder, const char *dialogue_id, time_t started)
{
	char stamp[32];
	clock_iso(started, stamp);
	for (char *p = stamp; *p; p++)
		if (*p == ':')
			*p = '-';
	char *path = xasprintf("%s/%s-%s.yaml", folder, stamp, dialogue_id);
	struct stat st;
	for (unsigned i = 2; lstat(path, &st) == 0; i++) {
		free(path);
		path = xasprintf("%s/%s-%s-%u.yaml", folder, stamp, dialogue_id, i);
	}
	return path;
}

/* ---- one session ---- */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Start order: start time, then the file name, shorter first (so that
 * X-checkin.yaml comes before X-checkin-2.yaml). */
static int order(time_t a_started, const char *a_path, time_t b_started, const char *b_path)
{
	if (a_started != b_started)
		return a_started < b_started ? -1 : 1;
	const char *a = base_name(a_path), *b = base_name(b_path);
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

int journal_entry_order(const JournalEntry *a, const JournalEntry *b)
{
	return order(a->started, a->path, b->started, b->path);
}

static int cmp_entries(const void *pa, const void *pb)
{
	return journal_entry_order(pa, pb);
}

/* The commitments an interrupted session's turns show: what, when and
 * measure turns of a `commitments` node, made as the session makes them. */
static void derive(JournalEntry *e, const Tread *t)
{
	const char *what = NULL, *when = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < t->nturns; i++) {
		const Turn *u = &t->turns[i];
		if (u->kind != NODE_COMMITMENTS || !u->field || u->answer.kind != VAL_TEXT)
			continue;
		const char *text = u->answer.u.text;
		if (str_eq(u->field, "what"))
			what = text, when = NULL;
		else if (str_eq(u->field, "when") && what)
			when = text;
		else if (str_eq(u->field, "measure") && what && when) {
			GROW(e->made, cap, e->nmade + 1);
			e->made[e->nmade] = commitment_make(t->started, t->dialogue.lang, e->nmade + 1,
			                                    what, when, text, u->node);
			e->nmade++;
			what = when = NULL;
		}
	}
}

static void copy_closing(JournalEntry *e, const Tread *t)
{
	e->made = xcalloc(t->ncommitments + 1, sizeof(*e->made));
	for (size_t i = 0; i < t->ncommitments; i++) {
		const Commitment *c = &t->commitments[i];
		e->made[e->nmade++] = commitment_copy(c, c->when, c->due, c->status);
	}
	e->reviews = xcalloc(t->nreviews + 1, sizeof(*e->reviews));
	e->reviewed_at = xcalloc(t->nreviews + 1, sizeof(*e->reviewed_at));
	for (size_t i = 0; i < t->nreviews; i++) {
		const Review *r = &t->reviews[i];
		e->reviews[i] = (Review){ xstrdup_opt(r->commitment), xstrdup_opt(r->what),
		                          xstrdup_opt(r->status), val_list() };
		e->reviewed_at[i] = t->started;
	}
	e->nreviews = t->nreviews;
	/* Each review is made of a status turn and the questions after it: the
	 * Nth status turn is the Nth review's, and its time the review's. */
	for (size_t i = 0, k = 0; i < t->nturns && k < e->nreviews; i++)
		if (t->turns[i].kind == NODE_REVIEW && t->turns[i].field &&
		    str_eq(t->turns[i].field, "status"))
			e->reviewed_at[k++] = t->turns[i].at;
}

static void add_saved(void *ctx, const char *name, const Value *v)
{
	(void)v;
	JournalEntry *e = ctx;
	e->saved = xrealloc(e->saved, (e->nsaved + 1) * sizeof(*e->saved));
	e->saved[e->nsaved++] = xstrdup(name);
}

static void copy_scales(JournalEntry *e, const Tread *t)
{
	size_t cap = 0;
	for (size_t i = 0; i < t->nturns; i++) {
		const Turn *u = &t->turns[i];
		if (u->kind != NODE_ASK || u->answer.kind != VAL_NUMBER)
			continue;
		GROW(e->scales, cap, e->nscales + 1);
		e->scales[e->nscales++] = (ScalePoint){ xstrdup(u->node),
		                                        xstrdup(u->prompt ? u->prompt : ""),
		                                        u->answer.u.num };
	}
}

JournalEntry journal_entry(char *path, const Tread *t)
{
	JournalEntry e = {
		.path = path,
		.dialogue_id = xstrdup(t->dialogue.id),
		.title = xstrdup_opt(t->dialogue.title),
		.lang = xstrdup_opt(t->dialogue.lang),
		.mode = t->mode,
		.status = t->status,
		.started = t->started,
		.client = xstrdup_opt(t->client),
		.running = tread_running_seconds(t),
	};
	if (t->status == TR_INTERRUPTED)
		derive(&e, t);
	else {
		copy_closing(&e, t);
		if (t->answers)
			vars_each(t->answers, add_saved, &e);
	}
	copy_scales(&e, t);
	return e;
}

void journal_entry_free(JournalEntry *e)
{
	for (size_t k = 0; k < e->nmade; k++)
		commitment_free(&e->made[k]);
	free(e->made);
	for (size_t k = 0; k < e->nreviews; k++)
		review_free(&e->reviews[k]);
	free(e->reviews);
	free(e->reviewed_at);
	for (size_t k = 0; k < e->nsaved; k++)
		free(e->saved[k]);
	free(e->saved);
	for (size_t k = 0; k < e->nscales; k++) {
		free(e->scales[k].node);
		free(e->scales[k].prompt);
	}
	free(e->scales);
	free(e->dialogue_id);
	free(e->title);
	free(e->lang);
	free(e->client);
	free(e->path);
	*e = (JournalEntry){ 0 };
}

/* ---- the sessions of a folder ---- */

/* Adds d's problems with one transcript to out, as warnings. */
static void skip_warning(Diags *out, const Diags *d, const char *path)
{
	if (!out)
		return;
	for (size_t i = 0; i < d->n; i++)
		diag_warning(out, d->v[i].file, d->v[i].loc, "%s (left out of the client's history)",
		             d->v[i].msg);
	if (d->n == 0)
		diag_warning(out, path, loc_at(0, 0), "not a transcript (left out of the client's "
		                                      "history)");
}

/* The entry of the transcript at path (taken), read anew; false when it
 * is not a readable transcript (said in d). */
static bool read_entry(char *path, const FileStamp *stamp, JournalEntry *out, Diags *d)
{
	Diags mine = { 0 };
	Tread *t = tread_load(path, &mine);
	if (!t) {
		skip_warning(d, &mine, path);
		diags_free(&mine);
		free(path);
		return false;
	}
	diags_free(&mine);
	*out = journal_entry(path, t);
	out->stamp = *stamp;
	tread_free(t);
	return true;
}

static void add(Journal *j, size_t *cap, JournalEntry e)
{
	GROW(j->v, *cap, j->n + 1);
	j->v[j->n++] = e;
}

/* Each listed transcript's entry: the index's while its file is unchanged,
 * else read anew; *fresh when any was. False with *err when one is sealed
 * and this machine has no key (vault_missing): nothing more is read. */
static bool fill(Journal *j, const Listing *l, JIndex *ix, Diags *d, bool *fresh, char **err)
{
	size_t cap = 0;
	*fresh = false;
	for (size_t i = 0; i < l->n; i++) {
		JournalEntry e;
		char *path;
		if (jindex_take(ix, l->v[i].name, &l->v[i].stamp, &e)) {
			add(j, &cap, e);
		} else if (vault_missing(path = xasprintf("%s/%s", l->folder, l->v[i].name), err)) {
			free(path);
			return false;
		} else if (read_entry(path, &l->v[i].stamp, &e, d)) {
			add(j, &cap, e);
			*fresh = true;
		}
	}
	return true;
}

bool journal_read(Journal *j, const char *folder, Diags *d, char **err)
{
	*j = (Journal){ 0 };
	Listing l;
	if (!listing_read(&l, folder)) {
		int e = errno;
		*err = folder_error(_("cannot read the journal folder '%s': %s"), folder, false);
		errno = e;
		return false;
	}
	JIndex ix;
	bool indexed = jindex_read(&ix, folder);
	bool fresh;
	char *log = xasprintf("%s/%s", folder, CHANGES_FILE);
	bool ok = fill(j, &l, &ix, d, &fresh, err) && !vault_missing(log, err);
	free(log);
	if (!ok) {
		jindex_free(&ix);
		listing_free(&l);
		journal_free(j);
		errno = 0;
		return false;
	}
	if (j->n > 1)
		qsort(j->v, j->n, sizeof(*j->v), cmp_entries);
	j->changes_read = changes_read(&j->changes, folder, d);
	/* A file that is not a transcript is read again each time, to be
	 * reported; it changes nothing the index holds. */
	if (!indexed || fresh || !str_eq(ix.signature, l.signature))
		jindex_write(folder, l.signature, j);
	jindex_free(&ix);
	listing_free(&l);
	return true;
}

void journal_free(Journal *j)
{
	for (size_t i = 0; i < j->n; i++)
		journal_entry_free(&j->v[i]);
	free(j->v);
	changes_free(&j->changes);
	*j = (Journal){ 0 };
}

bool journal_forget_index(const char *folder)
{
	return jindex_remove(folder);
}

/* ---- where commitments stand ---- */

/* The commitments found so far, and their ids for finding them again: a
 * journal of a thousand sessions looks each up at once. */
typedef struct Found {
	Standing *v;
	size_t n, cap;
	Map ids;
} Found;

static Standing *find_state(Found *f, const char *id)
{
	long i = map_find(&f->ids, id);
	return i == MAP_NONE ? NULL : &f->v[i];
}

static void apply_change(Found *f, const Change *c)
{
	Standing *st = find_state(f, c->commitment);
	if (!st)
		return; /* a change of a commitment no session here made */
	st->status = c->status;
	st->changed = c;
	if (c->when) {
		st->when = c->when;
		st->due = c->due;
	}
}

size_t journal_commitments(const Journal *j, size_t upto, Standing **out)
{
	Found f = { 0 };
	size_t k = 0; /* the next change to apply */
	for (size_t s = 0; s < upto && s < j->n; s++) {
		const JournalEntry *e = &j->v[s];
		for (; k < j->changes.n && j->changes.v[k].at < e->started; k++)
			apply_change(&f, &j->changes.v[k]);
		if (e->mode == MODE_PRACTICE)
			continue; /* a rehearsal commits no one */
		/* Reviews first: a session reviews what earlier ones made. Each
		 * at its own time: a resumed session's review comes after a change
		 * recorded while the session was paused. */
		for (size_t r = 0; r < e->nreviews; r++) {
			for (; k < j->changes.n && j->changes.v[k].at < e->reviewed_at[r]; k++)
				apply_change(&f, &j->changes.v[k]);
			const Review *rv = &e->reviews[r];
			Standing *st = rv->commitment ? find_state(&f, rv->commitment) : NULL;
			if (st && rv->status) {
				st->status = rv->status;
				st->reviewed = e;
				st->changed = NULL;
			}
		}
		const Commitment *made = e->made;
		for (size_t c = 0; c < e->nmade; c++) {
			bool added;
			if (!made[c].id)
				continue;
			map_add(&f.ids, made[c].id, &added);
			if (!added)
				continue; /* ids are per session start: a copied file repeats them */
			GROW(f.v, f.cap, f.n + 1);
			f.v[f.n++] = (Standing){ &made[c], e, "open", NULL, NULL, made[c].when,
			                         made[c].due };
		}
	}
	time_t before = upto < j->n ? j->v[upto].started : (time_t)-1;
	for (; k < j->changes.n && (upto >= j->n || j->changes.v[k].at < before); k++)
		apply_change(&f, &j->changes.v[k]);
	map_free(&f.ids);
	*out = f.v;
	return f.n;
}

/* ---- what `tandem clients` shows ---- */

Stage journal_stage(const Journal *j)
{
	size_t framed = SIZE_MAX; /* the last framing meeting: first or three-way */
	for (size_t i = 0; i < j->n; i++)
		if (str_eq(j->v[i].dialogue_id, "framing") || str_eq(j->v[i].dialogue_id, "tripartite"))
			framed = i;
	for (size_t i = framed == SIZE_MAX ? 0 : framed; i < j->n; i++)
		if (str_eq(j->v[i].dialogue_id, "closing") && j->v[i].status == TR_COMPLETE)
			return STAGE_CLOSED;
	if (framed != SIZE_MAX && framed == j->n - 1)
		return STAGE_FRAMED;
	return j->n ? STAGE_PROGRESS : STAGE_NONE;
}

void journal_summary_make(const Journal *j, JournalSummary *s)
{
	*s = (JournalSummary){ .sessions = j->n, .stage = journal_stage(j) };
	if (j->n) {
		s->last_started = j->v[j->n - 1].started;
		s->last_dialogue = xstrdup(j->v[j->n - 1].dialogue_id);
	}
	Standing *v;
	size_t n = journal_commitments(j, j->n, &v);
	s->open_due = xcalloc(n + 1, sizeof(*s->open_due));
	for (size_t i = 0; i < n; i++)
		if (commitment_is_open(v[i].status))
			s->open_due[s->nopen++] = xstrdup_opt(v[i].due);
	free(v);
}

void journal_summary_free(JournalSummary *s)
{
	for (size_t i = 0; i < s->nopen; i++)
		free(s->open_due[i]);
	free(s->open_due);
	free(s->last_dialogue);
	*s = (JournalSummary){ 0 };
}

bool journal_summary(const char *folder, JournalSummary *s, Diags *d, char **err)
{
	Listing l;
	bool listed = listing_read(&l, folder);
	bool indexed = listed && jindex_summary(folder, l.signature, s);
	if (listed)
		listing_free(&l);
	if (indexed)
		return true;
	Journal j;
	if (!journal_read(&j, folder, d, err))
		return false;
	journal_summary_make(&j, s);
	journal_free(&j);
	return true;
}

/* ---- the history of one session ---- */

struct JournalHistory {
	History h;
	JournalLock *lock;           /* the client's folder, held for the session */
	Journal j;
	Commitment *copies;          /* the open commitments, as changes left them */
	const Commitment **open;     /* into copies */
	Vars *recalled;
};

/* Whether entry e counts as earlier than the session at hand. */
static bool earlier(const JournalEntry *e, time_t started, const char *self_path)
{
	if (!self_path)
		return e->started <= started;
	if (str_eq(base_name(e->path), base_name(self_path)))
		return false;
	return order(e->started, e->path, started, self_path) < 0;
}

typedef struct Suffix {
	const char *name;
	const Value *found;
} Suffix;

/* Keeps an answer saved as PREFIX.NAME: the name inside a call. */
static void match_suffix(void *ctx, const char *key, const Value *v)
{
	Suffix *f = ctx;
	size_t kl = strlen(key), nl = strlen(f->name);
	if (!f->found && kl > nl + 1 && key[kl - nl - 1] == '.' && str_eq(key + kl - nl, f->name))
		f->found = v;
}

/* The value a session saved under name, top level first, else in a call. */
static const Value *answer_named(const Tread *t, const char *name)
{
	if (!t->answers || t->status == TR_INTERRUPTED)
		return NULL;
	const Value *v = vars_get(t->answers, name);
	if (v)
		return v;
	Suffix f = { name, NULL };
	vars_each(t->answers, match_suffix, &f);
	return f.found;
}

static void recall_names(const Dialogue *d, const char ***names, size_t *n, size_t *cap,
                         int depth)
{
	for (size_t i = 0; i < d->nrecall; i++) {
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = str_eq((*names)[k], d->recall[i]);
		if (!seen) {
			GROW(*names, *cap, *n + 1);
			(*names)[(*n)++] = d->recall[i];
		}
	}
	for (size_t i = 0; depth < 32 && i < d->nnodes; i++)
		if (d->nodes[i].kind == NODE_CALL && d->nodes[i].u.call.dialogue)
			recall_names(d->nodes[i].u.call.dialogue, names, n, cap, depth + 1);
}

/* Whether a session saved an answer under name: at its top level, or
 * inside a call (PREFIX.NAME). */
static bool saved_as(const JournalEntry *e, const char *name)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i < e->nsaved; i++) {
		const char *k = e->saved[i];
		size_t kl = strlen(k);
		if (str_eq(k, name) || (kl > nl + 1 && k[kl - nl - 1] == '.' && str_eq(k + kl - nl, name)))
			return true;
	}
	return false;
}

/* The latest value saved under name before session upto: the index says
 * which session saved it, and that transcript alone is read for it. */
static void recall(JournalHistory *h, const char *name, size_t upto)
{
	for (size_t s = upto; s-- > 0;) {
		if (h->j.v[s].mode == MODE_PRACTICE || !saved_as(&h->j.v[s], name))
			continue; /* a rehearsal's answers are not the client's */
		Diags quiet = { 0 }; /* read a moment ago, or reported then */
		Tread *t = tread_load(h->j.v[s].path, &quiet);
		diags_free(&quiet);
		const Value *v = t ? answer_named(t, name) : NULL;
		if (v)
			vars_set(h->recalled, name, val_copy(v));
		tread_free(t);
		if (v)
			return;
	}
}

static void fill_recalled(JournalHistory *h, const Dialogue *d, size_t upto)
{
	const char **names = NULL;
	size_t n = 0, cap = 0;
	recall_names(d, &names, &n, &cap, 0);
	for (size_t k = 0; k < n; k++)
		recall(h, names[k], upto);
	free(names);
}

/* The commitments still open before the session, as changes between
 * sessions left them (a renegotiated date): copies the history owns. */
static void fill_open(JournalHistory *h, size_t upto)
{
	Standing *st;
	size_t n = journal_commitments(&h->j, upto, &st), nopen = 0;
	for (size_t i = 0; i < n; i++)
		nopen += commitment_is_open(st[i].status);
	h->copies = xcalloc(nopen ? nopen : 1, sizeof(*h->copies));
	h->open = xcalloc(nopen ? nopen : 1, sizeof(*h->open));
	for (size_t i = 0; i < n; i++) {
		if (!commitment_is_open(st[i].status))
			continue;
		h->copies[h->h.nopen] = commitment_copy(st[i].c, st[i].when, st[i].due, st[i].status);
		h->open[h->h.nopen] = &h->copies[h->h.nopen];
		h->h.nopen++;
	}
	free(st);
}

JournalHistory *journal_history(const char *folder, const Dialogue *d, time_t started,
                                const char *self_path, Diags *diags, char **busy)
{
	JournalLock *lock = NULL;
	if (folder && !(lock = jlock_take(folder, busy))) {
		if (errno != ENOENT)
			return NULL;
		free(*busy); /* no folder yet: a first session, nothing to hold */
		*busy = NULL;
	}
	JournalHistory *h = xcalloc(1, sizeof(*h));
	h->lock = lock;
	h->recalled = vars_new();
	char *err = NULL;
	if (folder && !journal_read(&h->j, folder, diags, &err)) {
		if (errno != ENOENT) { /* a folder there, not to be taken for a first session's */
			int e = errno;
			*busy = err;
			journal_history_free(h);
			errno = e;
			return NULL;
		}
		free(err); /* no folder yet: a first session */
		h->j = (Journal){ 0 };
	}
	size_t upto = 0;
	while (upto < h->j.n && earlier(&h->j.v[upto], started, self_path))
		upto++;
	fill_open(h, upto);
	fill_recalled(h, d, upto);
	h->h.open = h->open;
	h->h.recalled = h->recalled;
	return h;
}

const History *journal_history_get(const JournalHistory *h)
{
	return &h->h;
}

void journal_history_free(JournalHistory *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->h.nopen; i++)
		commitment_free(&h->copies[i]);
	free(h->copies);
	free(h->open);
	vars_free(h->recalled);
	journal_free(&h->j);
	jlock_release(h->lock);
	free(h);
}
