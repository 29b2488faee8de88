/*
 * yamlprobe: the benchmark's baseline. Reads a YAML file into memory and
 * has libyaml turn it into events, which are discarded: the cost of YAML
 * parsing alone, to compare `tandem check` against.
 *
 * It reads the file the way src/loader/ydoc.c does (the whole file into one
 * buffer, then yaml_parser_set_input_string) so that the comparison is
 * fair. No tandem code, on purpose.
 *
 *   yamlprobe FILE    exit 0 when the file parses, 1 on a YAML error,
 *                     2 when it cannot be read
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

/* The whole of the file at path, or NULL (reported). */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "yamlprobe: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		unsigned char *bigger = realloc(buf, cap * 2);
		if (!bigger) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = bigger;
		cap *= 2;
	}
	bool failed = !buf || ferror(f);
	fclose(f);
	if (failed) {
		fprintf(stderr, "yamlprobe: %s: cannot read\n", path);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: yamlprobe FILE\n");
		return 2;
	}
	size_t len;
	unsigned char *buf = slurp(argv[1], &len);
	if (!buf)
		return 2;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		free(buf);
		return 2;
	}
	yaml_parser_set_input_string(&parser, buf, len);
	size_t events = 0;
	int rc = 0;
	for (bool done = false; !done; events++) {
		yaml_event_t e;
		if (!yaml_parser_parse(&parser, &e)) {
			fprintf(stderr, "yamlprobe: %s:%zu:%zu: %s\n", argv[1],
			        parser.problem_mark.line + 1, parser.problem_mark.column + 1,
			        parser.problem ? parser.problem : "error");
			rc = 1;
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&parser);
	free(buf);
	if (getenv("YAMLPROBE_VERBOSE"))
		fprintf(stderr, "yamlprobe: %zu events\n", events);
	return rc;
}
