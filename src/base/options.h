/*
 * options: the one reading of `--name value` and `--name=value` that every
 * subcommand's options share.
 */
#ifndef TANDEM_OPTIONS_H
#define TANDEM_OPTIONS_H

/*
 * The value of option `name` at argv[*i] ("--out FILE" or "--out=FILE"),
 * advancing *i past a separate value; NULL when argv[*i] is another
 * argument, or names this option without a value.
 */
const char *option_value(int argc, char **argv, int *i, const char *name);

#endif
