/*
 * out: formatted, cleaned, written. See out.h for why everything printed
 * passes here.
 */
#include "out.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void out_puts(const char *s, FILE *f)
{
	char *clean = utf8_sanitize(s, strlen(s));
	fputs(clean, f);
	free(clean);
}

void out_vprintf(FILE *f, const char *fmt, va_list ap)
{
	char *text = xvasprintf(fmt, ap);
	out_puts(text, f);
	free(text);
}

void out_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vprintf(f, fmt, ap);
	va_end(ap);
}
