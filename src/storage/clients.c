/* clients: finding a client by name, the names close to one, and the move
 * of an earlier journal into the journal's home. */
#include "clients.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "journal.h"
#include "paths.h"
#include "suggest.h"
#include "utf8.h"
#include "util.h"

static bool is_folder(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode); /* a link is not one */
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const Client *)a)->key, ((const Client *)b)->key);
}

bool clients_read(Clients *c, char **err)
{
	*c = (Clients){ 0 };
	char *home = journal_home();
	DIR *dir = opendir(home);
	if (!dir) {
		bool none = errno == ENOENT;
		if (!none)
			*err = xasprintf(_("cannot read the journal folder '%s': %s"), home,
			                 strerror(errno));
		free(home);
		return none;
	}
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.' || str_eq(de->d_name, "self"))
			continue;
		char *path = xasprintf("%s/%s", home, de->d_name);
		bool folder = is_folder(path);
		free(path);
		if (!folder)
			continue;
		GROW(c->v, cap, c->n + 1);
		Client *k = &c->v[c->n++];
		k->folder = xstrdup(de->d_name);
		k->name = journal_client_name(de->d_name);
		k->key = utf8_name_key(k->name);
	}
	closedir(dir);
	free(home);
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), cmp_key);
	return true;
}

void clients_free(Clients *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].name);
		free(c->v[i].folder);
		free(c->v[i].key);
	}
	free(c->v);
	*c = (Clients){ 0 };
}

const Client *clients_find(const Clients *c, const char *name)
{
	char *key = utf8_name_key(name);
	Client probe = { .key = key };
	const Client *found = c->n ? bsearch(&probe, c->v, c->n, sizeof(*c->v), cmp_key) : NULL;
	free(key);
	return found;
}

const Client *clients_near(const Clients *c, const char *name)
{
	if (c->n == 0 || clients_find(c, name))
		return NULL;
	const char **keys = xcalloc(c->n, sizeof(*keys));
	for (size_t i = 0; i < c->n; i++)
		keys[i] = c->v[i].key;
	char *key = utf8_name_key(name);
	const char *near = suggest(key, keys, c->n);
	const Client *found = NULL;
	for (size_t i = 0; near && i < c->n && !found; i++)
		if (keys[i] == near)
			found = &c->v[i];
	free(key);
	free(keys);
	return found;
}

bool clients_is_self(const char *name)
{
	char *key = utf8_name_key(name);
	bool self = str_eq(key, "self");
	free(key);
	return self;
}

/* ---- the move of an earlier journal ---- */

/* Whether the file at path is a transcript: it begins as tandem writes one. */
static bool is_transcript(const char *path)
{
	static const char head[] = "tandem-transcript:";
	char buf[sizeof(head) - 1];
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	struct stat st;
	bool yes = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	           read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf) &&
	           memcmp(buf, head, sizeof(buf)) == 0;
	close(fd);
	return yes;
}


/*
 * Moves from to to: a second name first (link never replaces a file),
 * then the first removed. A crash between the two leaves one file under
 * two names, which the next move finds and finishes. False (errno set)
 * when to is another file, or on failure.
 */
static bool move_file(const char *from, const char *to, const char *to_dir)
{
	if (link(from, to) != 0) {
		struct stat a, b;
		if (errno != EEXIST || stat(from, &a) != 0 || stat(to, &b) != 0 ||
		    a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
			if (errno == 0)
				errno = EEXIST;
			return false;
		}
	}
	/* The new name on disk before the old one goes: a power cut between
	 * the two then leaves both, never neither. */
	return file_sync_folder(to_dir) && unlink(from) == 0;
}

/* Moves the transcripts of old/NAME into the client's folder. */
static long move_folder(const char *old, const char *name, char **err)
{
	char *from_dir = xasprintf("%s/%s", old, name);
	DIR *dir = opendir(from_dir);
	long moved = 0;
	char *to_dir = NULL;
	struct dirent *de;
	while (dir && moved >= 0 && (de = readdir(dir)) != NULL) {
		char *from = xasprintf("%s/%s", from_dir, de->d_name);
		if (de->d_name[0] != '.' && is_transcript(from)) {
			if (!to_dir) {
				char *client = journal_client_name(name);
				to_dir = journal_folder(str_eq(name, "self") ? NULL : client, true, err);
				free(client);
			}
			char *to = to_dir ? xasprintf("%s/%s", to_dir, de->d_name) : NULL;
			if (!to_dir) {
				moved = -1;
			} else if (!move_file(from, to, to_dir)) {
				*err = xasprintf(_("cannot move '%s' to '%s': %s"), from, to, strerror(errno));
				moved = -1;
			} else {
				moved++;
			}
			free(to);
		}
		free(from);
	}
	if (dir)
		closedir(dir);
	if (to_dir) {
		(void)file_sync_folder(to_dir);   /* each link was synced already */
		(void)file_sync_folder(from_dir); /* the removals; a lost one is redone next time */
		(void)rmdir(from_dir); /* left when it holds anything else */
	}
	free(to_dir);
	free(from_dir);
	return moved;
}

long clients_migrate(char **err)
{
	const char *env = getenv("TANDEM_HOME");
	if (env && *env)
		return 0; /* a journal of its own: nothing of ours to move */
	char *old = paths_data_home();
	DIR *dir = opendir(old);
	long moved = 0;
	struct dirent *de;
	while (dir && moved >= 0 && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.' || str_eq(de->d_name, "clients"))
			continue;
		char *path = xasprintf("%s/%s", old, de->d_name);
		bool folder = is_folder(path);
		free(path);
		long n = folder ? move_folder(old, de->d_name, err) : 0;
		moved = n < 0 ? -1 : moved + n;
	}
	if (dir)
		closedir(dir);
	free(old);
	return moved;
}
