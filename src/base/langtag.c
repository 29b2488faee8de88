/* langtag: `FR`, `fr-CA`, `fr_BE`, `en_GB.UTF-8` to the folders fr and en. */
#include "langtag.h"

#include <ctype.h>

bool lang_folder(const char *tag, char out[LANG_FOLDER_MAX])
{
	size_t n = 0;
	out[0] = '\0';
	if (!tag)
		return false;
	while (n < LANG_FOLDER_MAX && isalpha((unsigned char)tag[n]) && (unsigned char)tag[n] < 0x80)
		n++;
	char end = tag[n];
	if (n < 2 || n > 3 || !(end == '\0' || end == '-' || end == '_' || end == '.' || end == '@'))
		return false;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)tag[i]);
	out[n] = '\0';
	return true;
}
