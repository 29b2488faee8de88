/* i18n: tandem's own words in French and English. */
#include "i18n.h"

#include <string.h>

static const char *const en[MSG_COUNT] = {
	[MSG_NEED_ANSWER] = "An answer is needed here.",
	[MSG_SCALE_RANGE] = "Please give a whole number from %ld to %ld.",
	[MSG_CHOICE_UNKNOWN] = "Please choose one of: %s.",
	[MSG_CHOICE_AMBIGUOUS] = "'%s' could be %s: please type a little more.",
	[MSG_NOT_OPTIONAL] = "This question cannot be skipped.",
	[MSG_NOTHING_TO_UNDO] = "There is no earlier answer to go back to.",
	[MSG_STATUS_DONE] = "done",
	[MSG_STATUS_PARTLY] = "partly",
	[MSG_STATUS_NOT_DONE] = "not done",
	[MSG_STATUS_DROPPED] = "dropped",
	[MSG_PRACTICE_PROMPT] = "Say it in your own words:",
	[MSG_PRACTICE_SCORE] = "Score: %d of %d key points covered.",
	[MSG_LOOP] = "the dialogue ran %zu steps without asking anything (last at node '%s'): a loop of set and next",
};

static const char *const fr[MSG_COUNT] = {
	[MSG_NEED_ANSWER] = "Une réponse est attendue ici.",
	[MSG_SCALE_RANGE] = "Merci de donner un nombre entier de %ld à %ld.",
	[MSG_CHOICE_UNKNOWN] = "Merci de choisir parmi : %s.",
	[MSG_CHOICE_AMBIGUOUS] = "« %s » peut désigner %s : précisez un peu.",
	[MSG_NOT_OPTIONAL] = "Cette question ne peut pas être passée.",
	[MSG_NOTHING_TO_UNDO] = "Il n'y a pas de réponse précédente à reprendre.",
	[MSG_STATUS_DONE] = "fait",
	[MSG_STATUS_PARTLY] = "en partie",
	[MSG_STATUS_NOT_DONE] = "pas fait",
	[MSG_STATUS_DROPPED] = "abandonné",
	[MSG_PRACTICE_PROMPT] = "Dites-le avec vos propres mots :",
	[MSG_PRACTICE_SCORE] = "Score : %d points clés couverts sur %d.",
	[MSG_LOOP] = "le dialogue a fait %zu pas sans rien demander (dernier nœud : « %s ») : une boucle de set et next",
};

const char *msg(const char *lang, MsgId id)
{
	if (id < 0 || id >= MSG_COUNT)
		return "";
	if (lang && strncmp(lang, "fr", 2) == 0 && (lang[2] == '\0' || lang[2] == '-'))
		return fr[id];
	return en[id];
}
