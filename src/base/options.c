/* options: `--name value` and `--name=value`. */
#include "options.h"

#include <string.h>

const char *option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0' || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

bool option_values(int argc, char **argv, int *i, const char *const *names,
                   const char **const *slots, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const char *v = option_value(argc, argv, i, names[k]);
		if (v) {
			*slots[k] = v;
			return true;
		}
	}
	return false;
}
