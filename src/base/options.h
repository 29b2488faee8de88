/*
 * options: the one reading of `--name value` and `--name=value` that every
 * subcommand's options share.
 */
#ifndef TANDEM_OPTIONS_H
#define TANDEM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The value of option `name` at argv[*i] ("--out FILE" or "--out=FILE"),
 * advancing *i past a separate value; NULL when argv[*i] is another
 * argument, or names this option without a value.
 */
const char *option_value(int argc, char **argv, int *i, const char *name);

/* The same for a command's options with a value, names[k] kept in
 * *slots[k]: whether argv[*i] was one of them (taken, *i advanced). */
bool option_values(int argc, char **argv, int *i, const char *const *names,
                   const char **const *slots, size_t n);

#endif
