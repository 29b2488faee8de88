/*
 * test_practice_points: the key points of the shipped alliance practice
 * accept a trainee's own words.
 *
 * Test plan: each shipped alliance-practice dialogue (French and English)
 * is loaded from dialogues/ as tandem loads it; for every key point of
 * every step, three phrasings a trainee could say must cover it (in
 * French, at least one of each point's in the informal « tu », the others
 * in « vous » or without either; in English, natural variants: other
 * verbs, contractions, idioms), and one phrasing that says something else
 * (often another point of the same step) must miss it. Every point of the
 * dialogues has its row, and every row names a point that exists, so that
 * a point added or moved without phrasings fails here. All the failures
 * are listed (dialogue, step, point, phrasing) before the test fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dialogue.h"
#include "library.h"
#include "pattern.h"
#include "util.h"

#ifndef LIBRARY_DIR
#define LIBRARY_DIR "dialogues"
#endif

/* The phrasings of one key point: the i-th of step `node`'s practice list. */
typedef struct Phrasings {
	const char *node;
	unsigned point;
	const char *covered[3];
	const char *missed;
} Phrasings;

static const Phrasings fr[] = {
	{ "context", 0, { "Cette relation, on la définit ensemble.",
	                  "Notre relation, toi et moi, on la crée à deux.",
	                  "C'est une alliance co-créée entre nous." },
	  "Je vais te dire comment je travaille." },
	{ "context", 1, { "Tu me crées comme ton coach.",
	                  "Je suis ton allié.",
	                  "Vous faites de moi votre expert." },
	  "Je suis là pour t'aider." },
	{ "context", 2, { "On va voir comment je peux travailler au mieux avec toi.",
	                  "Voyons la manière dont nous allons travailler.",
	                  "Cherchons comment je peux t'accompagner au mieux." },
	  "On va travailler sur tes objectifs." },
	{ "context", 3, { "Tu as sans doute déjà quelques idées.",
	                  "Il y a peut-être des domaines où tu ne sais pas encore comment on fera.",
	                  "Certaines zones sont encore floues pour vous." },
	  "Parlons de ton objectif." },
	{ "context", 4, { "On pose les bases de notre travail.",
	                  "Posons les fondations de ce que tu vas faire.",
	                  "Construisons un socle solide pour notre travail." },
	  "On commence tout de suite." },
	{ "context", 5, { "On continuera à l'ajuster.",
	                  "Ça évoluera au fil du temps, tu verras.",
	                  "On l'ajustera à mesure qu'on avance." },
	  "Voilà comment ça se passe." },
	{ "context_question", 0, { "Qu'en penses-tu ?",
	                           "Tu en penses quoi ?",
	                           "Qu'est-ce que vous en dites ?" },
	  "Voilà, on commence." },
	{ "confidentiality", 0, { "Tout ce que tu me dis reste entre nous.",
	                          "Ce que vous dites ici est confidentiel.",
	                          "Rien de ce que tu me confies ne sortira d'ici." },
	  "On va parler de ton objectif." },
	{ "confidentiality", 1, { "Sauf si ta vie est en danger.",
	                          "Sauf si quelqu'un est en danger.",
	                          "Sauf si votre sécurité est menacée." },
	  "Sauf si tu me demandes d'en parler." },
	{ "confidentiality", 2, { "Ou si la loi m'oblige à parler.",
	                          "Sauf obligation légale.",
	                          "Ou si un juge m'oblige à parler de toi." },
	  "Sauf si ta vie est en danger." },
	{ "ethics", 0, { "Je respecte un code de déontologie.",
	                 "Je travaille selon une charte éthique.",
	                 "Je suis un code que je te donnerai." },
	  "Je coache depuis dix ans." },
	{ "ethics", 1, { "Je respecte tes choix.",
	                 "Je ne chercherai pas à t'influencer.",
	                 "Vos choix restent les vôtres." },
	  "Je suis une charte de déontologie." },
	{ "record", 0, { "Je prends des notes pendant nos séances.",
	                 "L'outil enregistre tes réponses.",
	                 "Vos réponses sont conservées dans un dossier." },
	  "Es-tu d'accord ?" },
	{ "record", 1, { "Es-tu d'accord ?",
	                 "Vous y consentez ?",
	                 "Ça te va si je prends des notes ?" },
	  "Je prends des notes." },
	{ "roles", 0, { "C'est toi qui choisis les sujets.",
	                "Vous décidez de tout.",
	                "Les décisions, c'est toi qui les prends." },
	  "Je vais te poser des questions." },
	{ "roles", 1, { "Je te pose des questions.",
	                "Moi, j'écoute.",
	                "Mon rôle : questionner." },
	  "C'est toi qui choisis." },
	{ "roles", 2, { "Les réponses sont les tiennes.",
	                "Tu trouveras par toi-même.",
	                "Vous gagnerez en autonomie." },
	  "Je pose des questions." },
	{ "not_therapy", 0, { "Ce n'est pas une thérapie.",
	                      "Le coaching, ce n'est pas de la thérapie.",
	                      "Pour toi, ce ne sera pas une thérapie." },
	  "On regarde vers l'avenir." },
	{ "not_therapy", 1, { "On regarde vers l'avenir.",
	                      "On va vers l'action.",
	                      "Le but, c'est que tu avances." },
	  "Ce n'est pas une thérapie." },
	{ "not_therapy", 2, { "Si tu as besoin d'un médecin, je te le dirai.",
	                      "Je vous orienterai vers quelqu'un d'autre.",
	                      "Une autre aide pourra t'être plus utile." },
	  "On regarde vers l'avenir." },
	{ "logistics", 0, { "Combien de séances veux-tu ?",
	                    "Une heure, toutes les deux semaines ?",
	                    "Quel rythme vous convient ?" },
	  "Et si tu dois annuler ?" },
	{ "logistics", 1, { "Et si tu dois annuler ?",
	                    "Comment déplacer une séance ?",
	                    "Préviens-moi si tu as un empêchement." },
	  "Combien de séances veux-tu ?" },
	{ "expectations", 0, { "Que veux-tu d'un coach ?",
	                       "Qu'espérez-vous d'un coach ?",
	                       "De quoi as-tu besoin de la part d'un coach ?" },
	  "Parle-moi de ton coach idéal." },
	{ "expectations", 1, { "Qu'attends-tu d'un coach ?",
	                       "Qu'attendez-vous de moi ?",
	                       "Qu'espères-tu de cet accompagnement ?" },
	  "Qu'attends-tu ?" },
	{ "deep_impact", 0, { "Si ce coaching changeait profondément ta vie, ce serait quoi ?",
	                      "Imagine que ce coaching ait un vrai impact sur ta vie.",
	                      "Supposons que ce travail transforme votre vie : comment ?" },
	  "Quel impact veux-tu sur ta vie ?" },
	{ "deep_impact", 1, { "Si ce coaching avait un impact profond sur ta vie ?",
	                      "Qu'est-ce que ça changerait vraiment pour toi ?",
	                      "Imaginez la différence que cela ferait." },
	  "Si ce coaching réussissait, que ferais-tu ?" },
	{ "deep_impact", 2, { "Quel effet sur ta vie ?",
	                      "Imaginez l'impact sur votre vie.",
	                      "Qu'est-ce qui changerait dans ton quotidien ?" },
	  "Quel impact sur ton travail ?" },
	{ "what_else", 0, { "Quoi d'autre ?",
	                    "Dis-m'en plus.",
	                    "Y a-t-il autre chose ?" },
	  "Merci." },
	{ "procrastination", 0, { "Comment arrêtes-tu de procrastiner ?",
	                          "Quand tu remets les choses à plus tard, tu fais comment ?",
	                          "Qu'est-ce qui vous fait traîner ?" },
	  "Comment avances-tu dans ta vie ?" },
	{ "procrastination", 1, { "Comment tu t'y prends avec la procrastination ?",
	                          "Que fais-tu pour en sortir ?",
	                          "Comment la surmontez-vous ?" },
	  "Tu procrastines souvent ?" },
	{ "challenge_way", 0, { "Comment veux-tu que je te bouscule ?",
	                        "Quelle est la meilleure façon de te confronter ?",
	                        "Comment puis-je vous challenger ?" },
	  "Je vais te bousculer." },
	{ "challenge_way", 1, { "Comment veux-tu que je te bouscule ?",
	                        "Quelle est la meilleure façon de te confronter ?",
	                        "Comment puis-je vous pousser dans vos retranchements ?" },
	  "Comment veux-tu que je t'aide ?" },
	{ "saboteur", 0, { "Que te dit ton saboteur ?",
	                   "Que te raconte ta petite voix ?",
	                   "Qu'est-ce que votre critique intérieur vous souffle ?" },
	  "Qu'est-ce qui te bloque ?" },
	{ "saboteur", 1, { "Que te dit ton saboteur ?",
	                   "Que te raconte-t-il ?",
	                   "Qu'est-ce que tu l'entends répéter ?" },
	  "Parle-moi de ton saboteur." },
	{ "when_not_done", 0,
	  { "Comment veux-tu que je réagisse si tu n'as pas fait ce que tu avais promis ?",
	    "Que dois-je faire quand tu n'as pas tenu ton engagement ?",
	    "Quelle attitude attendez-vous de moi quand un engagement n'est pas tenu ?" },
	  "Et si tu n'as pas fait ce que tu avais promis ?" },
	{ "when_not_done", 1,
	  { "Comment veux-tu que je réagisse si tu n'as pas fait ce que tu avais promis ?",
	    "Que dois-je faire quand tu n'as pas tenu ton engagement ?",
	    "Comment me comporter quand tu ne fais pas ce que tu as dit que tu ferais ?" },
	  "Comment veux-tu que je réagisse ?" },
	{ "coach_style", 0, { "Je suis assez direct.",
	                      "Je te parle franchement.",
	                      "Je vous dis les choses sans détour." },
	  "J'ai mon propre style." },
	{ "coach_style", 1, { "Je dis les choses comme je les vois.",
	                      "Je nomme ce que je remarque.",
	                      "Je te dirai ce que je vois." },
	  "Je suis direct." },
	{ "coach_style", 2, { "Si tu trahis une de tes valeurs, je te le dirai.",
	                      "Si tu vas contre ce qui compte pour toi, je le dirai.",
	                      "Si vous n'êtes pas fidèle à vos principes, je vous arrête." },
	  "Par exemple, je te dirai stop." },
	{ "coach_style", 3, { "Qu'est-ce qui se passe vraiment ?",
	                      "Que se passe-t-il pour toi ?",
	                      "Qu'est-ce qui t'arrive ?" },
	  "Je ne l'accepte pas." },
	{ "direct_permission", 0, { "Tu me permets d'être direct ?",
	                            "Es-tu d'accord pour que je sois franc ?",
	                            "Ça vous va si je suis cash ?" },
	  "Je vais être direct." },
	{ "direct_permission", 1, { "Tu me permets d'être direct ?",
	                            "Es-tu d'accord pour que je sois franc ?",
	                            "Puis-je vous parler cash ?" },
	  "Tu me le permets ?" },
	{ "from_me", 0, { "Et qu'attends-tu de moi ?",
	                  "Que veux-tu de moi dans cette relation ?",
	                  "De quoi avez-vous besoin de ma part ?" },
	  "Et moi, dans cette relation ?" },
	{ "from_me", 1, { "Et qu'attends-tu de moi ?",
	                  "Qu'espères-tu de ton coach ?",
	                  "De quoi avez-vous besoin de ma part ?" },
	  "Qu'attends-tu ?" },
	{ "redesign", 0, { "On a fait un bon début.",
	                   "On a bien commencé, toi et moi.",
	                   "C'est un bon départ pour notre travail." },
	  "Ça ne s'arrête pas là." },
	{ "redesign", 1, { "Ça ne s'arrête pas là.",
	                   "Rien n'est figé, tu sais.",
	                   "On va continuer à ajuster." },
	  "C'est un bon début." },
	{ "redesign", 2, { "Je t'invite à me redéfinir.",
	                   "Tu pourras changer ma façon de faire en chemin.",
	                   "N'hésitez pas à me réajuster au fil du temps." },
	  "On verra." },
	{ "redesign", 3, { "Je vérifierai avec toi de temps en temps.",
	                   "Je te demanderai ton accord pour changer des choses.",
	                   "Nous ferons le point régulièrement." },
	  "Je t'invite à me redéfinir." },
	{ "feedback", 0, { "Vas-tu rester attentif à notre façon de travailler ?",
	                   "Tu garderas un œil sur notre manière de travailler ?",
	                   "Remarquerez-vous ce qui marche entre nous ?" },
	  "Tu me donneras un retour ?" },
	{ "feedback", 1, { "Tu me donneras un retour ?",
	                   "Tu me diras ce qui ne va pas ?",
	                   "Vous me ferez savoir ce qui vous gêne ?" },
	  "Vas-tu rester attentif ?" },
};

static const Phrasings en[] = {
	{ "context", 0, { "We'll shape this relationship together.",
	                  "We co-create how we work.",
	                  "You and I design this between us." },
	  "Let me explain how I coach." },
	{ "context", 1, { "I'm your ally.",
	                  "You make me the coach you need.",
	                  "You get to shape me as your coach." },
	  "I'm here to help you." },
	{ "context", 2, { "Let's figure out how I can best work with you.",
	                  "We'll find the best way to work together.",
	                  "Let's design how I can support you." },
	  "Let's talk about your goals." },
	{ "context", 3, { "You probably have some ideas already.",
	                  "There may be areas where you're not sure yet.",
	                  "Some things may still be unclear." },
	  "Let's begin." },
	{ "context", 4, { "We're laying the groundwork.",
	                  "This sets the foundations of our work.",
	                  "We'll build a solid base." },
	  "We'll start with your goals." },
	{ "context", 5, { "We'll keep adjusting.",
	                  "It will evolve over time.",
	                  "We'll adjust it as we go." },
	  "That's how it works." },
	{ "context_question", 0, { "What do you think?",
	                           "How does that sound?",
	                           "What's your take on that?" },
	  "Let's move on." },
	{ "confidentiality", 0, { "What you say stays between us.",
	                          "This is confidential.",
	                          "It stays with me." },
	  "Let's talk about your goal." },
	{ "confidentiality", 1, { "Unless your life is in danger.",
	                          "Unless someone is at risk.",
	                          "If your safety is at stake." },
	  "Unless you ask me to." },
	{ "confidentiality", 2, { "Or if the law makes me.",
	                          "Unless I'm legally obliged to.",
	                          "Or if a court requires it." },
	  "Unless your life is in danger." },
	{ "ethics", 0, { "I follow a code of ethics.",
	                 "I work to professional standards.",
	                 "My work is bound by an ethics charter." },
	  "I've been coaching for ten years." },
	{ "ethics", 1, { "I respect your choices.",
	                 "I won't try to influence you.",
	                 "Your choices stay yours." },
	  "I follow a code of ethics." },
	{ "record", 0, { "I take notes during our sessions.",
	                 "The tool records your answers.",
	                 "Your answers are kept in a file." },
	  "Are you happy with that?" },
	{ "record", 1, { "Are you happy with that?",
	                 "Do you agree?",
	                 "Is that okay with you?" },
	  "I take notes." },
	{ "roles", 0, { "You choose the topics.",
	                "It's up to you.",
	                "The decisions are your call." },
	  "I'll ask you questions." },
	{ "roles", 1, { "I ask questions.",
	                "I listen.",
	                "My job is to listen and ask." },
	  "You choose the topics." },
	{ "roles", 2, { "The answers are yours.",
	                "You'll find your own way.",
	                "You'll work it out yourself." },
	  "I ask questions." },
	{ "not_therapy", 0, { "This isn't therapy.",
	                      "Coaching is not counselling.",
	                      "It's not a treatment." },
	  "We look to the future." },
	{ "not_therapy", 1, { "We look to the future.",
	                      "It's about moving forward.",
	                      "We focus on action." },
	  "This isn't therapy." },
	{ "not_therapy", 2, { "If you need a doctor, I'll tell you.",
	                      "I'll refer you to someone else.",
	                      "Other help might suit you better." },
	  "We look to the future." },
	{ "logistics", 0, { "How many sessions would you like?",
	                    "An hour every other week?",
	                    "How often shall we meet?" },
	  "What if you need to cancel?" },
	{ "logistics", 1, { "What if you need to cancel?",
	                    "How do we move a session?",
	                    "Let me know if you need to reschedule." },
	  "How many sessions would you like?" },
	{ "expectations", 0, { "What are you hoping for from a coach?",
	                       "What do you want from a coach?",
	                       "What would you like from me?" },
	  "Tell me about coaching." },
	{ "expectations", 1, { "What do you expect from a coach?",
	                       "What do you need from me?",
	                       "What do you hope to get out of this coaching?" },
	  "What do you expect?" },
	{ "deep_impact", 0, { "If this coaching changed your life, how?",
	                      "Imagine this coaching had a real impact on your life.",
	                      "Picture this coaching making a difference." },
	  "What impact do you want on your life?" },
	{ "deep_impact", 1, { "If this coaching had a deep impact, what would it be?",
	                      "What would really change in your life?",
	                      "Imagine a lasting difference." },
	  "If this coaching went well, what then?" },
	{ "deep_impact", 2, { "What would change in your life?",
	                      "How would it touch your day-to-day?",
	                      "Imagine the difference in your everyday." },
	  "What impact at work?" },
	{ "what_else", 0, { "What else?",
	                    "Anything else?",
	                    "Is there more?" },
	  "Thanks." },
	{ "procrastination", 0, { "How do you stop procrastinating?",
	                          "When you put things off, what helps?",
	                          "What gets you going when you keep postponing?" },
	  "How do you get moving in your life?" },
	{ "procrastination", 1, { "How do you stop procrastinating?",
	                          "What helps you beat procrastination?",
	                          "How do you get past putting things off?" },
	  "Tell me about your procrastination." },
	{ "challenge_way", 0, { "What's the best way for me to challenge you?",
	                        "How would you like me to push you?",
	                        "How do you want me to challenge you?" },
	  "I'm going to challenge you." },
	{ "challenge_way", 1, { "What's the best way for me to challenge you?",
	                        "How would you like me to push you?",
	                        "How can I stretch you?" },
	  "What's the best way for me to support you?" },
	{ "saboteur", 0, { "What does your saboteur tell you?",
	                   "What does your inner critic say?",
	                   "What does that little voice in your head say?" },
	  "What holds you back?" },
	{ "saboteur", 1, { "What does your saboteur tell you?",
	                   "What does your inner critic say?",
	                   "What do you hear from your gremlin?" },
	  "Describe your saboteur." },
	{ "when_not_done", 0,
	  { "How do you want me to respond when you haven't done what you committed to?",
	    "What should I do when you don't follow through?",
	    "How should I handle it when you miss a commitment?" },
	  "What if you haven't done what you committed to?" },
	{ "when_not_done", 1,
	  { "How do you want me to respond when you haven't done what you committed to?",
	    "What should I do when you don't follow through?",
	    "How should I react if you don't do what you said you would?" },
	  "How should I respond?" },
	{ "coach_style", 0, { "I'm direct.",
	                      "I'm pretty straightforward.",
	                      "I tell it like it is." },
	  "I have my own style." },
	{ "coach_style", 1, { "I call things as I see them.",
	                      "I name what I notice.",
	                      "I'll tell you what I see." },
	  "I'm direct." },
	{ "coach_style", 2, { "If you betray one of your values, I'll say so.",
	                      "If you go against what matters to you, I'll stop you.",
	                      "If you act against your principles, I'll name it." },
	  "For example, I'd say stop." },
	{ "coach_style", 3, { "What's really going on?",
	                      "What's actually happening?",
	                      "What is going on for you?" },
	  "I don't accept that." },
	{ "direct_permission", 0, { "May I be direct?",
	                            "Is it okay if I'm blunt?",
	                            "Would you allow me to be frank?" },
	  "I'm going to be direct." },
	{ "direct_permission", 1, { "May I be direct?",
	                            "Is it okay if I'm blunt?",
	                            "Do you mind if I'm straight with you?" },
	  "May I?" },
	{ "from_me", 0, { "What do you expect from me?",
	                  "What do you need from me?",
	                  "What would you like from me?" },
	  "And me, in this relationship?" },
	{ "from_me", 1, { "What do you expect from me?",
	                  "What do you expect of me?",
	                  "What do you want from your coach?" },
	  "What do you expect?" },
	{ "redesign", 0, { "That's a good start.",
	                   "We've made a start.",
	                   "We're off to a great beginning." },
	  "It doesn't stop here." },
	{ "redesign", 1, { "It doesn't stop here.",
	                   "Nothing is set in stone.",
	                   "This is ongoing." },
	  "That's a good start." },
	{ "redesign", 2, { "I invite you to redesign me.",
	                   "Feel free to reshape how I work.",
	                   "You can change how I coach you." },
	  "We'll see." },
	{ "redesign", 3, { "I'll check in with you.",
	                   "I'll ask permission to change things.",
	                   "I'll ask you before changing anything." },
	  "I invite you to redesign me." },
	{ "feedback", 0, { "Will you pay attention to how we work?",
	                   "Will you keep noticing what works?",
	                   "Will you keep an eye on how we work together?" },
	  "Will you give me feedback?" },
	{ "feedback", 1, { "Will you give me feedback?",
	                   "Will you tell me what isn't working?",
	                   "Let me know how it's going." },
	  "Will you pay attention?" },
};

/* Whether a point's pattern matches text; a pattern at its limit counts
 * as a failure too. */
static bool matches(const PracticePoint *p, const char *text)
{
	return pattern_match(p->pattern, text, strlen(text)) == PATTERN_MATCH;
}

/* The row for point k of node n, or NULL. */
static const Phrasings *row_of(const Phrasings *v, size_t nv, const char *node, unsigned k)
{
	for (size_t i = 0; i < nv; i++)
		if (str_eq(v[i].node, node) && v[i].point == k)
			return &v[i];
	return NULL;
}

static void check_dialogue(const char *lang, const Phrasings *v, size_t nv)
{
	char *path = xasprintf("%s/%s/alliance-practice.yaml", LIBRARY_DIR, lang);
	Library *lib = library_new(NULL, 0);
	Diags d = { 0 };
	const Dialogue *dl = library_load(lib, path, &d);
	diags_print(&d, stderr, false);
	diags_free(&d);
	assert_non_null(dl);
	size_t failures = 0, points = 0;
	/* Every point has its row. */
	for (size_t i = 0; i < dl->nnodes; i++) {
		const Node *n = &dl->nodes[i];
		for (unsigned k = 0; k < n->npractice; k++, points++)
			if (!row_of(v, nv, n->id, k)) {
				print_error("%s: %s, point %u (%s): no phrasings to test it\n", path, n->id,
				            k, n->practice[k].point.s);
				failures++;
			}
	}
	assert_int_equal(points, nv);
	/* Every row names a point, and its phrasings are marked as they should. */
	for (size_t i = 0; i < nv; i++) {
		int at = dialogue_find(dl, v[i].node);
		const Node *n = at == NO_NODE ? NULL : &dl->nodes[at];
		if (!n || v[i].point >= n->npractice) {
			print_error("%s: no point %u at step %s\n", path, v[i].point, v[i].node);
			failures++;
			continue;
		}
		const PracticePoint *p = &n->practice[v[i].point];
		for (size_t c = 0; c < ARRAY_LEN(v[i].covered); c++)
			if (!matches(p, v[i].covered[c])) {
				print_error("%s: %s, \"%s\": should cover it: \"%s\"\n", path, n->id,
				            p->point.s, v[i].covered[c]);
				failures++;
			}
		if (matches(p, v[i].missed)) {
			print_error("%s: %s, \"%s\": should miss it: \"%s\"\n", path, n->id, p->point.s,
			            v[i].missed);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
	library_free(lib);
	free(path);
}

static void french_points(void **state)
{
	(void)state;
	check_dialogue("fr", fr, ARRAY_LEN(fr));
}

static void english_points(void **state)
{
	(void)state;
	check_dialogue("en", en, ARRAY_LEN(en));
}

/* In French, every point takes the informal « tu » in at least one of its
 * phrasings: a word of the tu forms, or te/toi/ton/ta/tes. */
static void french_tu_in_every_point(void **state)
{
	(void)state;
	static const char *const tu[] = { " tu ", "-tu ", " te ", " t'", " toi", " ton ", " ta ",
		                          " tes ", "Tu ", "Dis-" };
	for (size_t i = 0; i < ARRAY_LEN(fr); i++) {
		bool found = false;
		for (size_t c = 0; c < 3 && !found; c++)
			for (size_t k = 0; k < ARRAY_LEN(tu) && !found; k++)
				found = strstr(fr[i].covered[c], tu[k]) != NULL;
		if (!found)
			print_error("fr: %s, point %u: no phrasing with « tu »\n", fr[i].node, fr[i].point);
		assert_true(found);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(french_points),
		cmocka_unit_test(english_points),
		cmocka_unit_test(french_tu_in_every_point),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
