/*
 * test_transcript: the session's record on disk.
 *
 * Test plan:
 *   - yamlout: texts a YAML reader would otherwise retype (yes, 1.0, ~,
 *     "a: b", "- x", leading spaces) or that would break a double-quoted
 *     scalar (quotes, backslashes, newlines, control characters, line
 *     separators, invalid UTF-8) are written exactly as expected, and
 *     PyYAML's safe_load reads each one back as the same text;
 *     names are plain only when that is safe; numbers read back as numbers.
 *   - transcript: a real session over a small dialogue. The file is 0600
 *     whatever the umask; an existing file or a symlink (dangling or not)
 *     is refused with a message naming the file, and left as it was; turns
 *     are appended (same inode, earlier bytes untouched); a /back rewrites
 *     the file (new inode, the turn gone, no temporary file left) and later
 *     turns append to the new file; the closing part, and an empty paused
 *     session, parse with PyYAML. A pause is an item of the turns,
 *     appended at once, put back in its place by a /back rewrite, and read
 *     by PyYAML among the turns, the closing part without `pauses:`.
 *
 * PyYAML (/usr/bin/python3 -c 'import yaml') is the independent reader; the
 * checks that need it are skipped where it is missing.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "testdir.h"

#include "dialogue.h"
#include "library.h"
#include "session.h"
#include "transcript.h"
#include "util.h"
#include "yamlout.h"

#define PYTHON "/usr/bin/python3"

/* ---- helpers ---- */

static char *quoted(const char *s)
{
	Buf b = { 0 };
	yamlout_quote(&b, s);
	return buf_take(&b);
}

static void expect_quote(const char *in, const char *want)
{
	char *got = quoted(in);
	assert_string_equal(got, want);
	free(got);
}

static void expect_name(const char *in, const char *want)
{
	Buf b = { 0 };
	yamlout_name(&b, in);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void expect_number(double n, const char *want)
{
	Buf b = { 0 };
	yamlout_number(&b, n);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static bool have_pyyaml(void)
{
	return access(PYTHON, X_OK) == 0 &&
	       system(PYTHON " -c 'import yaml' >/dev/null 2>&1") == 0;
}

/* Runs a Python program with arguments; true when it exits 0. */
static bool python(const char *program, const char *arg1, const char *arg2)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl(PYTHON, PYTHON, "-c", program, arg1, arg2, (char *)NULL);
		_exit(127);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void write_file(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	Buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_take(&b);
}

static void remove_tree(const char *dir)
{
	assert_int_equal(testdir_remove(dir), 0);
}

/* ---- yamlout ---- */

static const char *const tricky[] = {
	"yes", "no", "on", "off", "Y", "true", "1.0", "1", "0x1F", "1e3", ".inf",
	"~", "null", "", "a: b", "- x", "# not a comment", "  leading spaces",
	"trailing  ", "say \"hi\"", "back\\slash", "two\nlines", "tab\there",
	"cr\rlf", "bell\a", "esc\x1b[31m", "del\x7f", "é à ç œ", "emoji \xf0\x9f\x99\x82",
	"nel \xc2\x85", "sep \xe2\x80\xa8 \xe2\x80\xa9", "bom \xef\xbb\xbf", "c1 \xc2\x9b",
	"[1, 2]", "{a: 1}", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick",
	"'single'", "2026-11-23", "12:30", "<<", "=", "?", "|", ">",
};

static void quote_exact(void **state)
{
	(void)state;
	expect_quote("yes", "\"yes\"");
	expect_quote("1.0", "\"1.0\"");
	expect_quote("", "\"\"");
	expect_quote("say \"hi\"", "\"say \\\"hi\\\"\"");
	expect_quote("a\\b", "\"a\\\\b\"");
	expect_quote("a\nb\tc\rd", "\"a\\nb\\tc\\rd\"");
	expect_quote("\x01\x1f\x7f", "\"\\x01\\x1F\\x7F\"");
	expect_quote("é", "\"é\"");
	expect_quote("\xc2\x85\xc2\x9b", "\"\\x85\\x9B\"");
	expect_quote("\xe2\x80\xa8\xef\xbb\xbf", "\"\\u2028\\uFEFF\"");
	/* A bidi override would make the file read as other words in a viewer. */
	expect_quote("a\xe2\x80\xae" "b\xe2\x81\xa6" "c", "\"a\\u202Eb\\u2066c\"");
	expect_quote("\xf0\x9f\x99\x82", "\"\xf0\x9f\x99\x82\"");
}

/* Bytes that are not UTF-8 cannot be written to YAML: U+FFFD each. */
static void quote_invalid_utf8(void **state)
{
	(void)state;
	expect_quote("a\xff" "b", "\"a\xef\xbf\xbd" "b\"");
	expect_quote("\xc3", "\"\xef\xbf\xbd\"");                    /* cut */
	expect_quote("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");     /* overlong */
	expect_quote("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* surrogate */
	expect_quote("\xf4\x90\x80\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
}

static void names(void **state)
{
	(void)state;
	expect_name("attentes", "attentes");
	expect_name("decouverte.attentes", "decouverte.attentes");
	expect_name("not-done", "not-done");
	expect_name("_x1", "_x1");
	expect_name("yes", "\"yes\"");
	expect_name("Off", "\"Off\"");
	expect_name("NULL", "\"NULL\"");
	expect_name("n", "\"n\"");
	expect_name("2026", "\"2026\"");
	expect_name("a b", "\"a b\"");
	expect_name("", "\"\"");
	expect_name(".inf", "\".inf\"");
}

static void numbers(void **state)
{
	(void)state;
	expect_number(5, "5");
	expect_number(-3, "-3");
	expect_number(-0.0, "0");
	expect_number(1.5, "1.5");
	expect_number(0.1, "0.1");
	expect_number(1e20, "1.0e+20");
	expect_number(1.0 / 0.0, ".inf");
	expect_number(-1.0 / 0.0, "-.inf");
}

/* PyYAML reads every tricky text back as that text, and numbers as numbers. */
static void parse_back(void **state)
{
	(void)state;
	if (!have_pyyaml())
		skip();
	char dir[] = "/tmp/tandem-yamlout-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *yaml = xasprintf("%s/texts.yaml", dir), *raw = xasprintf("%s/texts.raw", dir);
	Buf y = { 0 }, r = { 0 };
	buf_adds(&y, "texts:\n");
	for (size_t i = 0; i < ARRAY_LEN(tricky); i++) {
		buf_adds(&y, "  - ");
		yamlout_quote(&y, tricky[i]);
		buf_addc(&y, '\n');
		buf_add(&r, tricky[i], strlen(tricky[i]) + 1);
	}
	buf_adds(&y, "numbers: [");
	static const double nums[] = { 5, -3, 1.5, 0.1, 1e20, 123456789.125, 1e-7 };
	for (size_t i = 0; i < ARRAY_LEN(nums); i++) {
		buf_adds(&y, i ? ", " : "");
		yamlout_number(&y, nums[i]);
	}
	buf_adds(&y, "]\n");
	write_file(yaml, y.data, y.len);
	write_file(raw, r.data, r.len);
	assert_true(python("import yaml, sys\n"
	                   "d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
	                   "want = open(sys.argv[2], 'rb').read().split(b'\\0')[:-1]\n"
	                   "want = [w.decode('utf-8') for w in want]\n"
	                   "for g, w in zip(d['texts'], want):\n"
	                   "    if g != w: print('got', repr(g), 'want', repr(w))\n"
	                   "n = d['numbers']\n"
	                   "ok = d['texts'] == want and n == [5, -3, 1.5, 0.1, 1e20, 123456789.125, 1e-7]\n"
	                   "ok = ok and all(isinstance(x, (int, float)) for x in n)\n"
	                   "sys.exit(0 if ok else 1)\n",
	                   yaml, raw));
	buf_free(&y);
	buf_free(&r);
	free(yaml);
	free(raw);
	remove_tree(dir);
}

/* ---- transcript over a real session ---- */

static const char dialogue_yaml[] =
	"tandem: 1\n"
	"id: tiny\n"
	"title: \"Tiny: a \\\"test\\\"\"\n"
	"lang: en\n"
	"nodes:\n"
	"  first:\n"
	"    section: Opening\n"
	"    ask: First?\n"
	"  second:\n"
	"    ask: Second?\n"
	"  third:\n"
	"    ask: Third?\n"
	"  bye:\n"
	"    end: Bye.\n";

typedef struct Fixture {
	char dir[64];
	char *path;          /* the transcript */
	Library *lib;
	const Dialogue *d;
	Session *s;
} Fixture;

static time_t fixed_now(void)
{
	return 1795428000; /* 2026-11-23T10:00:00Z */
}

static int setup(void **state)
{
	Fixture *f = xcalloc(1, sizeof(*f));
	strcpy(f->dir, "/tmp/tandem-transcript-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	char *dpath = xasprintf("%s/tiny.yaml", f->dir);
	write_file(dpath, dialogue_yaml, strlen(dialogue_yaml));
	f->lib = library_new(NULL, 0);
	Diags diags = { 0 };
	f->d = library_load(f->lib, dpath, &diags);
	diags_free(&diags);
	free(dpath);
	if (!f->d)
		return -1;
	SessionConfig cfg = { .mode = MODE_COACH, .client = "alice", .seed = 7, .now = fixed_now };
	f->s = session_new(f->d, &cfg);
	f->path = xasprintf("%s/t.yaml", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fixture *f = *state;
	session_free(f->s);
	library_free(f->lib);
	remove_tree(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static void answer(Session *s, const char *line)
{
	const Request *r = session_request(s);
	assert_int_equal(r->kind, REQ_ANSWER);
	assert_int_equal(session_input(s, line), INPUT_TAKEN);
	session_request(s);
}

static void sync_ok(Transcript *t, const Session *s)
{
	char *err = NULL;
	bool ok = transcript_sync(t, s, &err);
	if (!ok)
		print_error("%s\n", err);
	assert_true(ok);
}

static struct stat stat_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return st;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void mode_0600(void **state)
{
	Fixture *f = *state;
	mode_t old = umask(0);
	char *err = NULL;
	Transcript *t = transcript_create(f->path, f->s, &err);
	umask(old);
	assert_non_null(t);
	assert_int_equal(stat_of(f->path).st_mode & 07777, 0600);
	assert_string_equal(transcript_path(t), f->path);
	transcript_close(t);
}

static void refuses_existing_file(void **state)
{
	Fixture *f = *state;
	write_file(f->path, "keep\n", 5);
	char *err = NULL;
	assert_null(transcript_create(f->path, f->s, &err));
	assert_non_null(err);
	char *want = xasprintf("cannot create '%s': %s", f->path, strerror(EEXIST));
	assert_string_equal(err, want);
	char *kept = read_file(f->path);
	assert_string_equal(kept, "keep\n");
	free(kept);
	free(want);
	free(err);
}

static void refuses_symlink(void **state)
{
	Fixture *f = *state;
	char *target = xasprintf("%s/target.yaml", f->dir);
	assert_int_equal(symlink(target, f->path), 0); /* dangling */
	char *err = NULL;
	assert_null(transcript_create(f->path, f->s, &err));
	assert_non_null(strstr(err, f->path));
	assert_non_null(strstr(err, "symbolic link"));
	assert_int_equal(access(target, F_OK), -1); /* nothing made through it */
	free(err);
	write_file(target, "keep\n", 5);             /* and pointing at a file */
	err = NULL;
	assert_null(transcript_create(f->path, f->s, &err));
	char *kept = read_file(target);
	assert_string_equal(kept, "keep\n");
	assert_true(S_ISLNK(stat_of(f->path).st_mode));
	free(kept);
	free(err);
	free(target);
}

static void refuses_missing_folder(void **state)
{
	Fixture *f = *state;
	char *path = xasprintf("%s/no/such/t.yaml", f->dir);
	char *err = NULL;
	assert_null(transcript_create(path, f->s, &err));
	char *want = xasprintf("cannot create '%s': %s", path, strerror(ENOENT));
	assert_string_equal(err, want);
	free(want);
	free(err);
	free(path);
}

/* No temporary file of a rewrite is left beside the transcript. */
static void only_transcript_left(const Fixture *f)
{
	char *cmd = xasprintf("test $(ls -A '%s' | grep -c '^t\\.yaml') -eq 1", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void append_then_rewrite(void **state)
{
	Fixture *f = *state;
	char *err = NULL;
	Transcript *t = transcript_create(f->path, f->s, &err);
	assert_non_null(t);
	answer(f->s, "yes");
	sync_ok(t, f->s);
	char *one = read_file(f->path);
	ino_t ino = stat_of(f->path).st_ino;
	answer(f->s, "1.0");
	sync_ok(t, f->s);
	char *two = read_file(f->path);
	assert_int_equal(stat_of(f->path).st_ino, ino);           /* appended, */
	assert_memory_equal(one, two, strlen(one));                /* not rewritten */
	assert_int_equal(count(two, "  - node: "), 2);

	assert_true(session_back(f->s));
	session_request(f->s);
	sync_ok(t, f->s);
	char *back = read_file(f->path);
	assert_int_not_equal(stat_of(f->path).st_ino, ino);       /* replaced whole */
	assert_string_equal(back, one);
	assert_int_equal(stat_of(f->path).st_mode & 07777, 0600);
	only_transcript_left(f);

	answer(f->s, "no");
	sync_ok(t, f->s);
	char *again = read_file(f->path);
	assert_int_equal(count(again, "  - node: "), 2);
	assert_non_null(strstr(again, "answer: \"no\""));
	assert_null(strstr(again, "answer: \"1.0\""));
	transcript_close(t);
	free(one);
	free(two);
	free(back);
	free(again);
}

static const char check_program[] =
	"import yaml, sys\n"
	"d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
	"want = sys.argv[2]\n"
	"assert d['tandem-transcript'] == 1, d\n"
	"assert d['dialogue']['id'] == 'tiny' and d['dialogue']['title'] == 'Tiny: a \"test\"'\n"
	"assert d['mode'] == 'coach' and d['client'] == 'alice' and d['seed'] == 7\n"
	"if want == 'empty':\n"
	"    assert d['turns'] is None and d['answers'] == {} and d['status'] == 'paused'\n"
	"    sys.exit(0)\n"
	"items = d['turns']\n"
	"turns = [t for t in items if t['kind'] != 'pause']\n"
	"pauses = [i for i, t in enumerate(items) if t['kind'] == 'pause']\n"
	"assert 'pauses' not in d, d\n"
	"if want.endswith('+pause'):\n"
	"    want = want[:-len('+pause')]\n"
	"    p = items[1]\n"
	"    assert pauses == [1] and sorted(p) == ['at', 'kind', 'paused', 'resumed'], items\n"
	"    assert str(p['paused']) == '2026-11-23 10:00:00+00:00', p\n"
	"    assert str(p['resumed']) == str(p['at']) == '2026-11-25 09:00:00+00:00', p\n"
	"else:\n"
	"    assert pauses == [], items\n"
	"assert [t['node'] for t in turns] == ['first', 'second', 'third'], turns\n"
	"assert [t['answer'] for t in turns] == ['yes', '1.0', 'a: b\\n\\x01'], turns\n"
	"assert turns[0]['section'] == 'Opening' and turns[0]['kind'] == 'ask'\n"
	"assert d['answers'] == {'first': 'yes', 'second': '1.0', 'third': 'a: b\\n\\x01'}\n"
	"assert d['commitments'] == [] and d['reviews'] == []\n"
	"assert d['status'] == want and 'ended' in d and 'practice' not in d\n";

static void closing_parses(void **state)
{
	Fixture *f = *state;
	if (!have_pyyaml())
		skip();
	char *err = NULL;
	Transcript *t = transcript_create(f->path, f->s, &err);
	assert_non_null(t);
	answer(f->s, "yes");
	answer(f->s, "1.0");
	answer(f->s, "a: b\n\x01");
	assert_int_equal(session_request(f->s)->kind, REQ_DONE);
	assert_true(transcript_finish(t, f->s, false, &err));
	transcript_close(t);
	assert_true(python(check_program, f->path, "complete"));
}

/* A finish after a /back rewrites the file, and a second finish too. */
static void late_changes_rewrite(void **state)
{
	Fixture *f = *state;
	if (!have_pyyaml())
		skip();
	char *err = NULL;
	Transcript *t = transcript_create(f->path, f->s, &err);
	answer(f->s, "yes");
	answer(f->s, "x");
	sync_ok(t, f->s);
	assert_true(session_back(f->s));
	session_request(f->s);
	answer(f->s, "1.0");
	answer(f->s, "a: b\n\x01");
	assert_true(transcript_finish(t, f->s, true, &err));  /* after a back: rewritten */
	assert_true(transcript_finish(t, f->s, true, &err));  /* twice: still one closing */
	transcript_close(t);
	assert_true(python(check_program, f->path, "paused"));
	only_transcript_left(f);
}

/* A pause: an item appended at once after the turns on disk, the earlier
 * bytes untouched; a /back rewrite puts it back where it was; the closing
 * part does not list it. */
static void pause_item_appended(void **state)
{
	Fixture *f = *state;
	char *err = NULL;
	Transcript *t = transcript_create(f->path, f->s, &err);
	assert_non_null(t);
	answer(f->s, "yes");
	sync_ok(t, f->s);
	char *one = read_file(f->path);
	ino_t ino = stat_of(f->path).st_ino;
	TrPause p = { .paused = fixed_now(), .resumed = fixed_now() + 2 * 86400 - 3600 };
	assert_true(transcript_add_pauses(t, f->s, &p, 1, &err));
	assert_true(transcript_add_pauses(t, f->s, NULL, 0, &err)); /* none: nothing */
	char *two = read_file(f->path);
	assert_int_equal(stat_of(f->path).st_ino, ino);
	assert_memory_equal(one, two, strlen(one));
	assert_string_equal(two + strlen(one), TR_PAUSE_ITEM
	                    "    paused: 2026-11-23T10:00:00Z\n"
	                    "    resumed: 2026-11-25T09:00:00Z\n"
	                    "    at: 2026-11-25T09:00:00Z\n");

	answer(f->s, "x");
	sync_ok(t, f->s);
	assert_true(session_back(f->s));
	session_request(f->s);
	sync_ok(t, f->s);
	char *back = read_file(f->path);
	assert_int_not_equal(stat_of(f->path).st_ino, ino);       /* rewritten, */
	assert_string_equal(back, two);                            /* the pause kept */
	only_transcript_left(f);

	answer(f->s, "1.0");
	answer(f->s, "a: b\n\x01");
	assert_int_equal(session_request(f->s)->kind, REQ_DONE);
	assert_true(transcript_finish(t, f->s, false, &err));
	transcript_close(t);
	char *done = read_file(f->path);
	assert_int_equal(count(done, "kind: pause"), 1);
	assert_null(strstr(done, "pauses:"));
	if (have_pyyaml())
		assert_true(python(check_program, f->path, "complete+pause"));
	free(one);
	free(two);
	free(back);
	free(done);
}

static void empty_session_parses(void **state)
{
	Fixture *f = *state;
	if (!have_pyyaml())
		skip();
	char *err = NULL;
	Transcript *t = transcript_create(f->path, f->s, &err);
	assert_non_null(t);
	session_request(f->s);
	assert_true(transcript_finish(t, f->s, true, &err));
	transcript_close(t);
	assert_true(python(check_program, f->path, "empty"));
}

int main(void)
{
	const struct CMUnitTest yaml[] = {
		cmocka_unit_test(quote_exact),
		cmocka_unit_test(quote_invalid_utf8),
		cmocka_unit_test(names),
		cmocka_unit_test(numbers),
		cmocka_unit_test(parse_back),
	};
	const struct CMUnitTest files[] = {
		cmocka_unit_test_setup_teardown(mode_0600, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_existing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_missing_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(append_then_rewrite, setup, teardown),
		cmocka_unit_test_setup_teardown(closing_parses, setup, teardown),
		cmocka_unit_test_setup_teardown(late_changes_rewrite, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_session_parses, setup, teardown),
		cmocka_unit_test_setup_teardown(pause_item_appended, setup, teardown),
	};
	int failed = cmocka_run_group_tests_name("yamlout", yaml, NULL, NULL);
	failed += cmocka_run_group_tests_name("transcript", files, NULL, NULL);
	return failed;
}
