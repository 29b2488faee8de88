/*
 * session: the interpreter. Walks a loaded dialogue, turn by turn, with no
 * I/O of its own: it queues what to show and describes what it waits for.
 *
 * The walk. A session is a position (a stack of frames, below) plus the
 * state of the one node being run (Step). advance() moves the position
 * until some node needs a person. Each node kind has a run_KIND function
 * that looks at the Step and either describes what the node waits for (a
 * Request, with its Show items queued) or says the node is done; a done
 * node is left through a choice's goto, its `next` rules or its default.
 * The input side mirrors it: input_KIND checks a line against the request,
 * records a Turn and updates the Step, and run_KIND then decides from the
 * Step alone whether to ask again (repeat, each, pick, commitments,
 * review) or finish. So a loop's bookkeeping lives in one place per kind,
 * never split between the asking and the answering code.
 *
 * Frames. A `call` pushes a frame whose prefix ("checkin.", nested
 * "a.b.") qualifies every variable and node id the callee names: the
 * callee reads its own names unprefixed, the caller reads them as
 * `checkin.name`, and both live in one Vars. One Step is enough: a call
 * node has no state of its own, so when its callee finishes the frame is
 * popped and the call node is left at once.
 *
 * Replay. The walk is a function of the dialogue, the configuration (mode,
 * client, seed, history), the start time and the inputs: past the start,
 * the clock is read only for Turn.at, and `pick` draws from a generator
 * seeded once per session. So /back does not undo in place, which would need an inverse
 * for every effect (variables, draws, commitments, reviews, scores): it
 * builds a fresh session and replays the turns it keeps, exactly as resume
 * rebuilds a session from a transcript. /again is the same replay, the
 * last phrasing replayed as an attempt to try again, which leaves the
 * session at its step; a transcript says so by the next attempt's
 * Turn.attempt. Replaying drops what each replayed input queued, so that
 * only the shows of the question now asked remain.
 */
#include "session.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "map.h"
#include "render.h"
#include "utf8.h"
#include "util.h"

/*
 * The bounds of the work done between two lines typed (set, next, calls,
 * texts queued), checked at every step: far beyond what a real dialogue
 * walks (a few nodes), near enough that a dialogue made to run away stops
 * within seconds, its answers on disk, instead of eating the machine.
 */
const SessionBounds session_default_bounds = {
	.steps = 100000,
	.value_bytes = 1 << 20,   /* a file's longest text */
	.bytes = 64 << 20,
	.ms = 2000,
};

typedef enum Bound { BOUND_NONE, BOUND_STEPS, BOUND_VALUE, BOUND_BYTES, BOUND_TIME,
                     BOUND_STOPPED } Bound;

/* The work since the last line typed, against the bounds. */
typedef struct Quiet {
	size_t steps, bytes;
	long long started_ms;
	Bound hit;           /* the first bound met; it stops the session */
} Quiet;

typedef struct Show {
	ShowKind kind;
	char *text;
} Show;

typedef struct Frame {
	const Dialogue *d;
	char *prefix;        /* "" at the top, "callee." inside a call */
	int node;            /* the node being run, NO_NODE once finished */
} Frame;

/* The state of the node being run, reset whenever a node is entered. */
typedef struct Step {
	bool entered;        /* its section and coach text are shown */
	bool ended;          /* repeat, commitments: an empty line closed the loop */
	int round;           /* answers taken: repeat, each, pick, commitments, review */
	int field;           /* commitments: what, when, measure; review: status, questions */
	int target;          /* the chosen choice's goto, or NO_NODE */
	uint32_t choice;     /* with a target: the chosen choice's index */
	Value answer;        /* ask: the node's answer (a list for loops); others: the list saved */
	Value items;         /* each: the items asked over */
	Value item;          /* {item} */
	int *picks;          /* pick: the questions drawn, in asking order */
	size_t npicks;
	char *what, *when;   /* commitments: the one being made */
	char *status;        /* review: the status given */
	Value learned;       /* review: the learning answers so far */
	int attempts;        /* practice: the attempts at this say tried again (/again) */
} Step;

enum { FIELD_WHAT, FIELD_WHEN, FIELD_MEASURE };
enum { FIELD_STATUS };   /* review: then 1 + the question's index */

/* The safety net, once an answer matched one of its patterns. */
typedef struct SafetyStop {
	const char *topic;   /* the pattern's; NULL while nothing matched */
	const Node *node;    /* the node whose answer matched */
	const Dialogue *d;   /* its dialogue: whose net it was */
	bool asking;         /* stop or go on? is the question waiting */
	bool stopped;        /* the person chose to stop: the session pauses */
} SafetyStop;

struct Session {
	const Dialogue *d;
	SessionConfig cfg;   /* cfg.client points to client */
	char *client;
	time_t started;
	Value today;         /* {today} */
	Value client_v;      /* {client} when --client was given */
	uint64_t rng;        /* pick's generator */
	Vars *vars;          /* every variable, callee ones qualified */
	Map visited;         /* qualified node ids entered */
	Map prompts;         /* every prompt a turn recorded: what was asked */
	Map given;           /* qualified save names answered, in first order */
	Frame *frames;
	size_t nframes, cframes;
	Step step;
	SafetyStop safety;
	Value last;          /* the most recent answer */
	Turn *turns;
	size_t nturns, cturns;
	Commitment *commits;
	size_t ncommits, ccommits;
	Review *reviews;
	size_t nreviews, creviews;
	int covered, asked;
	char *section;       /* the current section, rendered */
	SessionStatus status;
	bool waiting;        /* req describes an input the session waits for */
	Request req;
	char *req_node, *req_prompt;   /* owned parts of req */
	char **req_labels;
	const char **req_keys;
	Show *shows;
	size_t nshows, cshows;
	char **notes;        /* pending for the turn being answered */
	size_t nnotes, cnotes;
	time_t *note_times;  /* when each pending note was typed */
	size_t cnote_times;
	bool replaying;
	time_t replay_at;    /* Turn.at while replaying */
	bool retrying;       /* the phrasing replayed is tried again: the step stays */
	SessionBounds bounds;
	Quiet quiet;
	unsigned generation;
	Buf key;             /* scratch for qualified names */
};

/* ----- small helpers -------------------------------------------------------- */

static Frame *top(const Session *s)
{
	return &s->frames[s->nframes - 1];
}

static const Node *current_node(const Session *s)
{
	const Frame *f = top(s);
	return f->node == NO_NODE ? NULL : &f->d->nodes[f->node];
}

/* Tells the observer, if any, of route r out of n, in the current frame. */
static void trace_route(Session *s, const Node *n, Route r)
{
	const SessionTrace *t = s->cfg.trace;
	if (!t || !t->routed)
		return;
	const Dialogue *d = top(s)->d;
	r.from = (int)(n - d->nodes);
	t->routed(t->ctx, d, &r);
}

/* Messages follow the language of the dialogue being run. */
static const char *lang(const Session *s)
{
	return top(s)->d->lang;
}

/* name as the Vars know it: under the current frame's prefix. The result
 * lives in s->key until the next call. */
static const char *qualify(Session *s, const char *name)
{
	buf_clear(&s->key);
	buf_adds(&s->key, top(s)->prefix);
	buf_adds(&s->key, name);
	return buf_str(&s->key);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* A heap copy of line without surrounding white space. */
static char *trimmed(const char *line)
{
	while (is_space(*line))
		line++;
	size_t n = strlen(line);
	while (n > 0 && is_space(line[n - 1]))
		n--;
	return xstrndup(line, n);
}

static time_t now(const Session *s)
{
	if (s->replaying)
		return s->replay_at;
	return s->cfg.now ? s->cfg.now() : time(NULL);
}

/* splitmix64: small, and the same sequence on every platform, which the
 * seed's promise (same seed, same questions) needs; rand() gives neither. */
static uint64_t next_random(Session *s)
{
	uint64_t z = (s->rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void shuffle(Session *s, int *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(next_random(s) % i);
		int t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* ----- reading variables ---------------------------------------------------- */

/* The lookup behind texts and expressions: builtins, then the current
 * frame's variables. */
static const Value *lookup(void *ctx, const char *name)
{
	Session *s = ctx;
	if (str_eq(name, "today"))
		return &s->today;
	if (str_eq(name, "item"))
		return &s->step.item;
	if (str_eq(name, "client") && s->client_v.kind != VAL_UNSET)
		return &s->client_v;
	const Value *v = vars_get(s->vars, qualify(s, name));
	if (!v && str_eq(name, "client"))  /* a callee without its own: the session's */
		v = vars_get(s->vars, "client");
	return v;
}

static bool visited(void *ctx, const char *node_id)
{
	Session *s = ctx;
	return map_find(&s->visited, qualify(s, node_id)) != MAP_NONE;
}

/* A dialogue text rendered for the current frame: never NULL. */
static char *render_text(Session *s, const char *text)
{
	return render(text ? text : "", lookup, s);
}

/* A say, ask or end text: the self wording in self mode. */
static char *node_text(Session *s, const Node *n)
{
	if (s->cfg.mode == MODE_SELF && n->self.s)
		return render_text(s, n->self.s);
	return render_text(s, n->text.s);
}

/* The wording of t to use now: its self-mode one (self, when given) in
 * self mode. */
static const char *worded(const Session *s, const Text *t, const Text *self)
{
	return s->cfg.mode == MODE_SELF && self && self->s ? self->s : t->s;
}

static bool quiet_over(Session *s);

static bool eval_stop(void *ctx)
{
	return quiet_over(ctx);
}

/* A runtime error (a regex at its limit) counts as unset, so as false:
 * a condition nobody can evaluate should not stop a coaching session. A
 * bound met does: advance sees it at once. */
static Value eval(Session *s, const Expr *e, const Value *answer)
{
	EvalEnv env = { lookup, visited, answer, s, s->bounds.value_bytes, eval_stop };
	EvalStatus status;
	char *err = NULL;
	Value v = expr_eval(e, &env, &status, &err);
	free(err);
	if (status == EVAL_TOO_BIG && !s->quiet.hit)
		s->quiet.hit = BOUND_VALUE;
	return v;
}

/* Stores a node's value under its save name; `given` lists it among the
 * answers (a loop's empty start or a skip is not an answer). */
static void save(Session *s, const Node *n, const Value *v, bool given)
{
	vars_set(s->vars, qualify(s, n->save), val_copy(v));
	if (given)
		map_add(&s->given, qualify(s, n->save), NULL);
}

/*
 * A loop's list after a round that added one item. Saving a copy of the
 * whole list every round would make a turn cost grow with the loop (a
 * repeat of a thousand answers), so the saved list, when it is the one of
 * the rounds before, takes a copy of the new item alone. The Vars own that
 * value; it is changed in place through vars_get, which is why the const
 * is cast away. Anything else under the name is replaced by a copy.
 */
static void save_round(Session *s, const Node *n, const Value *list, bool given)
{
	Value *saved = (Value *)vars_get(s->vars, qualify(s, n->save));
	size_t k = list->u.list.n;
	if (!saved || saved->kind != VAL_LIST || saved->u.list.n + 1 != k ||
	    (k > 1 && !val_equal(&saved->u.list.items[k - 2], &list->u.list.items[k - 2]))) {
		save(s, n, list, given);
		return;
	}
	val_push(saved, val_copy(&list->u.list.items[k - 1]));
	if (given)
		map_add(&s->given, qualify(s, n->save), NULL);
}

/* ----- output ------------------------------------------------------------- */

static void queue(Session *s, ShowKind kind, char *text)
{
	s->quiet.bytes += strlen(text);
	GROW(s->shows, s->cshows, s->nshows + 1);
	s->shows[s->nshows++] = (Show){ kind, text };
}

static void invalid(Session *s, char *text)
{
	queue(s, SHOW_INVALID, text);
}

static void need_answer(Session *s)
{
	invalid(s, xstrdup(msg(lang(s), MSG_NEED_ANSWER)));
}

/* Drops shows [from, to). */
static void shows_drop(Session *s, size_t from, size_t to)
{
	if (from == to)  /* shows may still be NULL */
		return;
	for (size_t i = from; i < to; i++)
		free(s->shows[i].text);
	memmove(&s->shows[from], &s->shows[to], (s->nshows - to) * sizeof(Show));
	s->nshows -= to - from;
}

static void clear_request(Session *s)
{
	for (size_t i = 0; i < s->req.nchoices; i++)
		free(s->req_labels[i]);
	free(s->req_labels);
	free(s->req_keys);
	free(s->req_node);
	free(s->req_prompt);
	s->req_labels = NULL;
	s->req_keys = NULL;
	s->req_node = s->req_prompt = NULL;
	s->req = (Request){ 0 };
	s->waiting = false;
}

/* Describes what the session now waits for; prompt is taken. */
static void request(Session *s, ReqKind kind, const Node *n, char *prompt, int index)
{
	clear_request(s);
	s->req_node = n ? xasprintf("%s%s", top(s)->prefix, n->id) : NULL;
	s->req_prompt = prompt;
	s->req.kind = kind;
	s->req.node = s->req_node;
	s->req.section = s->section;
	s->req.prompt = prompt;
	s->req.index = index;
	s->waiting = kind == REQ_CONTINUE || kind == REQ_PHRASING || kind == REQ_ANSWER;
}

/* A question: its request and its show. */
static void ask_for(Session *s, const Node *n, char *prompt, int index)
{
	request(s, REQ_ANSWER, n, prompt, index);
	queue(s, SHOW_QUESTION, xstrdup(prompt));
}

/* Gives the current request a menu; labels and the keys' array are taken,
 * the keys themselves borrowed. */
static void set_menu(Session *s, char **labels, const char **keys, size_t n)
{
	s->req_labels = labels;
	s->req_keys = keys;
	s->req.labels = (const char *const *)labels;
	s->req.keys = keys;
	s->req.nchoices = n;
}

/* ----- the safety net ------------------------------------------------------- */

static Turn *record(Session *s, const Node *n, const char *field, const char *input,
                    Value answer);
static long match_choice(Session *s, const char *typed);

/* The first pattern of net that matches text, or NULL. */
static const SafetyPattern *safety_match(const Safety *net, const char *text)
{
	for (size_t i = 0; net && i < net->npatterns; i++)
		if (pattern_match(net->patterns[i].pattern, text, strlen(text)) == PATTERN_MATCH)
			return &net->patterns[i];
	return NULL;
}

/* Whether an answer to n (its field) is words of the person's own: not a
 * menu's key, a number, nor a trainee's rehearsal of the script. */
static bool own_words(const Session *s, const Node *n, const char *field, const Value *v)
{
	if (v->kind != VAL_TEXT || s->cfg.mode == MODE_PRACTICE)
		return false;
	if (field && (str_eq(field, "status") || str_eq(field, "safety")))
		return false;
	return n->kind != NODE_SAY && !(n->kind == NODE_ASK && n->u.ask.nchoices);
}

/* Checks an answer against the net of the dialogue being run: its own
 * patterns, then its library's. A match stops the flow before anything
 * else is asked (safety_first). */
static void safety_check(Session *s, const Node *n, const char *field, const Value *v)
{
	if (s->safety.topic || !own_words(s, n, field, v))
		return;
	const Dialogue *d = top(s)->d;
	const SafetyPattern *p = safety_match(&d->safety, v->u.text);
	if (!p)
		p = safety_match(d->library_safety, v->u.text);
	if (p)
		s->safety = (SafetyStop){ p->topic, n, d, false, false };
}

/* A text of the net: the library's, else tandem's own words. */
static char *safety_text(Session *s, const Text *t, MsgId fallback)
{
	return t && t->s ? render_text(s, t->s) : xstrdup(msg(lang(s), fallback));
}

static void queue_text(Session *s, ShowKind kind, const Text *t)
{
	if (t && t->s)
		queue(s, kind, render_text(s, t->s));
}

/* What the net says, then the question: stop here or go on? */
static void ask_safety(Session *s)
{
	const Safety *lib = s->safety.d->library_safety, *own = &s->safety.d->safety;
	queue(s, SHOW_INFO, safety_text(s, lib ? &lib->message : NULL, MSG_SAFETY_MESSAGE));
	if (s->cfg.mode == MODE_SELF) {
		queue_text(s, SHOW_SAY, lib ? &lib->self : NULL);
	} else {
		queue_text(s, SHOW_COACH, &own->coach);
		queue_text(s, SHOW_COACH, lib ? &lib->coach : NULL);
	}
	queue_text(s, SHOW_INFO, lib ? &lib->help : NULL);
	ask_for(s, s->safety.node, safety_text(s, lib ? &lib->choice : NULL, MSG_SAFETY_CHOICE), 0);
	const char **keys = xcalloc(2, sizeof(char *));
	keys[0] = "stop";
	keys[1] = "continue";
	char **labels = xcalloc(2, sizeof(char *));
	labels[0] = safety_text(s, lib ? &lib->stop : NULL, MSG_SAFETY_STOP);
	labels[1] = safety_text(s, lib ? &lib->go_on : NULL, MSG_SAFETY_GO_ON);
	set_menu(s, labels, keys, 2);
	s->safety.asking = true;
}

/* Whether the net holds the flow: the person chose to stop (the front end
 * saves the session as paused), or the question waits to be asked. */
static bool safety_first(Session *s)
{
	if (s->safety.stopped)
		request(s, REQ_STOPPED, NULL, NULL, 0);
	else if (s->safety.topic && !s->safety.asking)
		ask_safety(s);
	else
		return false;
	return true;
}

/* Stop or go on: recorded with the topic, never the words that matched. */
static InputResult input_safety(Session *s, const char *line, const char *typed)
{
	long k = match_choice(s, typed);
	if (k < 0)
		return INPUT_INVALID;
	Value v = val_list();
	val_push(&v, val_text(s->safety.topic));
	val_push(&v, val_text(s->req.keys[k]));
	bool stop = k == 0;
	record(s, s->safety.node, "safety", line, v);
	s->safety = (SafetyStop){ .stopped = stop };
	return INPUT_TAKEN;
}

/* ----- turns ----------------------------------------------------------------- */

/* Records the answer to the current request; answer is taken. The pending
 * notes go with it. The pointer is valid until the next turn. */
static Turn *record(Session *s, const Node *n, const char *field, const char *input,
                    Value answer)
{
	GROW(s->turns, s->cturns, s->nturns + 1);
	Turn *t = &s->turns[s->nturns++];
	*t = (Turn){
		.node = xstrdup(s->req.node),
		.kind = n->kind,
		.section = s->req.section ? xstrdup(s->req.section) : NULL,
		.prompt = xstrdup(s->req.prompt ? s->req.prompt : ""),
		.field = field ? xstrdup(field) : NULL,
		.input = input ? xstrdup(input) : NULL,
		.answer = answer,
		.at = now(s),
		.notes = s->notes,
		.nnotes = s->nnotes,
		.waited = s->nnotes,
		.noted_at = s->nnotes ? s->note_times[0] : 0,
	};
	s->notes = NULL;
	s->nnotes = s->cnotes = 0;
	map_add(&s->prompts, t->prompt, NULL);
	safety_check(s, n, field, &t->answer);
	/* A trainee's phrasing is not the client's answer that `answer`,
	 * `about` and next rules mean, nor is the safety net's stop or go on. */
	if (n->kind != NODE_SAY && answer.kind != VAL_UNSET && !(field && str_eq(field, "safety"))) {
		val_free(&s->last);
		s->last = val_copy(&answer);
	}
	return t;
}

/* Undoable: anything answered; a plain say only shows its text. */
static bool holds_answer(const Turn *t)
{
	return t->kind != NODE_SAY || t->asked > 0;
}

void turn_free(Turn *t)
{
	free(t->node);
	free(t->section);
	free(t->prompt);
	free(t->field);
	free(t->input);
	val_free(&t->answer);
	for (size_t i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	for (size_t i = 0; i < t->ncovered_points; i++)
		free(t->covered_points[i]);
	free(t->covered_points);
	for (size_t i = 0; i < t->nmissed_points; i++)
		free(t->missed_points[i]);
	free(t->missed_points);
}

bool turn_superseded(const Turn *turns, size_t n, size_t i)
{
	return i + 1 < n && turns[i + 1].attempt > 1;
}

/* ----- choices --------------------------------------------------------------- */

/* "1) Label, 2) Label" for the choices in which[] (all when NULL). */
static char *menu_list(const Session *s, const bool *which)
{
	Buf b = { 0 };
	for (size_t i = 0; i < s->req.nchoices; i++) {
		if (which && !which[i])
			continue;
		if (b.len)
			buf_adds(&b, ", ");
		buf_printf(&b, "%zu) %s", i + 1, s->req.labels[i]);
	}
	return buf_take(&b);
}

/* The choice typed as its 1-based number, or -1. */
static long choice_number(const Session *s, const char *typed)
{
	if (!*typed || strspn(typed, "0123456789") != strlen(typed) || strlen(typed) > 9)
		return -1;
	long k = strtol(typed, NULL, 10);
	return k >= 1 && (size_t)k <= s->req.nchoices ? k - 1 : -1;
}

/* The choice whose folded label typed is: exactly, else the one it starts.
 * -1 with the reason queued when none or several fit. */
static long choice_by_label(Session *s, const char *typed)
{
	size_t n = s->req.nchoices;
	char *folded = utf8_fold(typed);
	bool *prefix = xcalloc(n, sizeof(bool));
	long exact = -1, found = -1;
	size_t hits = 0;
	for (size_t i = 0; i < n && exact < 0; i++) {
		char *label = utf8_fold(s->req.labels[i]);
		if (str_eq(label, folded))
			exact = (long)i;
		else if (*folded && str_starts(label, folded)) {
			prefix[i] = true;
			found = (long)i;
			hits++;
		}
		free(label);
	}
	if (exact < 0 && hits != 1) {
		char *list = menu_list(s, hits ? prefix : NULL);
		char *shown = utf8_sanitize(typed, strlen(typed));
		if (hits)
			invalid(s, xasprintf(msg(lang(s), MSG_CHOICE_AMBIGUOUS), shown, list));
		else
			invalid(s, xasprintf(msg(lang(s), MSG_CHOICE_UNKNOWN), list));
		free(shown);
		free(list);
	}
	free(prefix);
	free(folded);
	return exact >= 0 ? exact : hits == 1 ? found : -1;
}

/* The choice typed names (number, key, or label), or -1 with the reason
 * queued. Works on the current request, so on asks and review statuses. */
static long match_choice(Session *s, const char *typed)
{
	long k = choice_number(s, typed);
	for (size_t i = 0; k < 0 && i < s->req.nchoices; i++)
		if (str_eq(typed, s->req.keys[i]))
			k = (long)i;
	return k >= 0 ? k : choice_by_label(s, typed);
}

/* Rendered labels and borrowed keys of an ask's choices. */
static void ask_menu(Session *s, const AskSpec *a)
{
	if (!a->nchoices)
		return;
	char **labels = xcalloc(a->nchoices, sizeof(char *));
	const char **keys = xcalloc(a->nchoices, sizeof(char *));
	for (size_t i = 0; i < a->nchoices; i++) {
		labels[i] = render_text(s, a->choices[i].label.s ? a->choices[i].label.s
		                                                 : a->choices[i].key);
		keys[i] = a->choices[i].key;
	}
	set_menu(s, labels, keys, a->nchoices);
}

/* ----- say ------------------------------------------------------------------- */

static bool practising(const Session *s, const Node *n)
{
	return s->cfg.mode == MODE_PRACTICE && n->npractice > 0;
}

static bool run_say(Session *s, const Node *n)
{
	if (s->step.round > 0)
		return true;
	if (practising(s, n)) {
		if (s->step.attempts > 0) { /* tried again: the step's cue once more */
			queue(s, SHOW_INFO, xasprintf(msg(lang(s), MSG_AGAIN_ATTEMPT),
			                              s->step.attempts + 1));
			if (n->coach.s)
				queue(s, SHOW_COACH, render_text(s, n->coach.s));
		}
		/* The trainee phrases it first: the reference comes after. */
		request(s, REQ_PHRASING, n, xstrdup(msg(lang(s), MSG_PRACTICE_PROMPT)), 0);
		queue(s, SHOW_QUESTION, xstrdup(s->req.prompt));
		return false;
	}
	char *text = node_text(s, n);
	queue(s, SHOW_SAY, xstrdup(text));
	request(s, REQ_CONTINUE, n, text, 0);
	return false;
}

/*
 * A trainee's phrasing: each point marked, then the reference. The score
 * counts the last attempt of each step: an attempt after /again takes the
 * place of the one before it (the turn just recorded). A phrasing replayed
 * as tried again (s->retrying) shows nothing, since /again follows its
 * marks, and the session stays at the step for the next attempt.
 */
static InputResult input_phrasing(Session *s, const Node *n, const char *line,
                                  const char *typed)
{
	bool stays = s->retrying;
	char **hits = xcalloc(n->npractice, sizeof(char *));
	char **misses = xcalloc(n->npractice, sizeof(char *));
	size_t nhits = 0, nmisses = 0;
	for (size_t i = 0; i < n->npractice; i++) {
		const PracticePoint *p = &n->practice[i];
		bool hit = pattern_match(p->pattern, line, strlen(line)) == PATTERN_MATCH;
		char *point = render_text(s, p->point.s);
		if (!stays)
			queue(s, hit ? SHOW_COVERED : SHOW_MISSED, xstrdup(point));
		if (hit)
			hits[nhits++] = point;
		else
			misses[nmisses++] = point;
	}
	char *reference = node_text(s, n);
	if (!stays)
		queue(s, SHOW_REFERENCE, xstrdup(reference));
	if (s->step.attempts > 0) { /* the attempt before, recorded last */
		const Turn *before = &s->turns[s->nturns - 1];
		s->covered -= before->covered;
		s->asked -= before->asked;
	}
	Turn *t = record(s, n, NULL, line, val_text(typed));
	free(t->prompt);
	t->prompt = reference;  /* the script line, not the request for a phrasing */
	t->covered = (int)nhits;
	t->asked = (int)n->npractice;
	t->covered_points = hits;
	t->ncovered_points = nhits;
	t->missed_points = misses;
	t->nmissed_points = nmisses;
	t->attempt = s->step.attempts > 0 ? s->step.attempts + 1 : 0;
	s->covered += t->covered;
	s->asked += t->asked;
	if (stays)
		s->step.attempts++;
	else
		s->step.round = 1;
	return INPUT_TAKEN;
}

static InputResult input_say(Session *s, const Node *n, const char *line, const char *typed)
{
	if (s->req.kind == REQ_PHRASING)
		return input_phrasing(s, n, line, typed);
	record(s, n, NULL, line, val_unset());
	s->step.round = 1;
	return INPUT_TAKEN;
}

/* ----- ask ------------------------------------------------------------------- */

/* The items `each` asks over: a list, one item for any other non-empty
 * value, none for unset or empty. */
static Value each_items(Session *s, const char *name)
{
	const Value *v = lookup(s, name);
	if (v && v->kind == VAL_LIST)
		return val_copy(v);
	Value items = val_list();
	if (v && v->kind != VAL_UNSET && !(v->kind == VAL_TEXT && !*v->u.text))
		val_push(&items, val_copy(v));
	return items;
}

static bool is_loop(const AskSpec *a)
{
	return a->each || a->repeat != 0;
}

static void start_ask(Session *s, const Node *n)
{
	const AskSpec *a = &n->u.ask;
	if (!is_loop(a))
		return;
	if (a->each)
		s->step.items = each_items(s, a->each);
	s->step.answer = val_list();
	save(s, n, &s->step.answer, false);
}

static bool ask_finished(const Session *s, const AskSpec *a)
{
	const Step *st = &s->step;
	if (a->each)
		return (size_t)st->round >= st->items.u.list.n;
	if (a->repeat)
		return st->ended || (a->repeat > 0 && st->round >= a->repeat);
	return st->round > 0;
}

static bool run_ask(Session *s, const Node *n)
{
	const AskSpec *a = &n->u.ask;
	Step *st = &s->step;
	if (ask_finished(s, a))
		return true;
	if (a->each) {
		val_free(&st->item);
		st->item = val_copy(&st->items.u.list.items[st->round]);
	}
	bool again = a->repeat && !a->each && st->round > 0 && a->again.s;
	ask_for(s, n, again ? render_text(s, a->again.s) : node_text(s, n), st->round);
	ask_menu(s, a);
	s->req.scale = a->scale;
	s->req.min = a->min;
	s->req.max = a->max;
	s->req.optional = a->optional;
	s->req.ends_on_empty = a->repeat != 0 && !a->each;
	return false;
}

/* Takes an answer (v, taken; unset when skipped) into the node's value. */
static void take_answer(Session *s, const Node *n, const char *input, Value v, bool skipped)
{
	Step *st = &s->step;
	bool given = v.kind != VAL_UNSET;
	record(s, n, NULL, input, val_copy(&v))->skipped = skipped;
	st->round++;
	if (is_loop(&n->u.ask)) {
		val_push(&st->answer, v);
		save_round(s, n, &st->answer, given);
	} else {
		val_free(&st->answer);
		st->answer = v;
		save(s, n, &st->answer, given);
	}
}

/* An empty line, or /skip (input NULL). */
static InputResult ask_empty(Session *s, const Node *n, const char *input)
{
	const AskSpec *a = &n->u.ask;
	if (a->repeat && !a->each) {
		/* Recorded, so that a replay ends the loop where it ended. */
		record(s, n, NULL, input, val_unset())->skipped = input == NULL;
		s->step.ended = true;
		return INPUT_TAKEN;
	}
	if (!a->optional) {
		need_answer(s);
		return INPUT_INVALID;
	}
	take_answer(s, n, input, val_unset(), true);
	return INPUT_TAKEN;
}

static bool parse_scale(const char *typed, long min, long max, long *out)
{
	const char *digits = typed + (*typed == '+' || *typed == '-');
	if (!*digits || strspn(digits, "0123456789") != strlen(digits))
		return false;
	errno = 0;
	long v = strtol(typed, NULL, 10);
	if (errno || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* The answer typed gives to an ask, or false with the reason queued. */
static bool parse_answer(Session *s, const Node *n, const char *typed, Value *out)
{
	const AskSpec *a = &n->u.ask;
	if (a->nchoices) {
		long k = match_choice(s, typed);
		if (k < 0)
			return false;
		*out = val_text(a->choices[k].key);
		s->step.target = a->choices[k].target;
		s->step.choice = (uint32_t)k;
		return true;
	}
	if (a->scale) {
		long v = 0;
		if (!parse_scale(typed, a->min, a->max, &v)) {
			invalid(s, xasprintf(msg(lang(s), MSG_SCALE_RANGE), a->min, a->max));
			return false;
		}
		*out = val_number((double)v);
		return true;
	}
	/* A limit hit counts as no match: the person can type it another way. */
	if (a->validate && pattern_match(a->validate, typed, strlen(typed)) != PATTERN_MATCH) {
		invalid(s, a->invalid.s ? render_text(s, a->invalid.s)
		                        : xstrdup(msg(lang(s), MSG_WRONG_FORM)));
		return false;
	}
	*out = val_text(typed);
	return true;
}

static InputResult input_ask(Session *s, const Node *n, const char *line, const char *typed)
{
	if (!*typed)
		return ask_empty(s, n, line);
	Value v;
	if (!parse_answer(s, n, typed, &v))
		return INPUT_INVALID;
	take_answer(s, n, line, v, false);
	return INPUT_TAKEN;
}

/* ----- set ------------------------------------------------------------------- */

static bool run_set(Session *s, const Node *n)
{
	for (size_t i = 0; i < n->nassigns && !quiet_over(s); i++) {
		Value v = eval(s, n->assigns[i].expr, &s->last);
		s->quiet.bytes += val_bytes(&v);
		vars_set(s->vars, qualify(s, n->assigns[i].name), v);
	}
	return true;
}

/* ----- pick ------------------------------------------------------------------ */


/* Whether a question's text reads as written (no {name} to render). */
/* A bank question as this session words it. */
static const char *question_text(const Session *s, const Question *q)
{
	return worded(s, &q->text, &q->self);
}

static bool reads_as_written(const Session *s, const Question *q)
{
	return !strchr(question_text(s, q), '{');
}

/* Whether question q, as it would read now, was asked in this session. */
static bool was_asked(Session *s, const Question *q)
{
	if (reads_as_written(s, q))
		return map_find(&s->prompts, question_text(s, q)) != MAP_NONE;
	char *text = render_text(s, question_text(s, q));
	bool asked = map_find(&s->prompts, text) != MAP_NONE;
	free(text);
	return asked;
}

/* The text `when` patterns are matched against. */
static char *about_text(Session *s, const PickSpec *p)
{
	const Value *v = p->about ? lookup(s, p->about) : &s->last;
	return v ? val_to_text(v) : xstrdup("");
}

/*
 * Keeps of order[0..n) the first `count` questions not asked before, in
 * place; returns how many. A question with a {name} is rendered only here,
 * when its turn to be kept comes: a draw renders what it keeps (and the
 * asked ones it passes over), never the whole bank.
 */
static size_t keep_unasked(Session *s, const Bank *bank, int *order, size_t n, size_t count)
{
	size_t kept = 0;
	for (size_t i = 0; i < n && kept < count; i++) {
		const Question *q = &bank->questions[order[i]];
		if (reads_as_written(s, q) || !was_asked(s, q))
			order[kept++] = order[i];
	}
	return kept;
}

/*
 * Draws the questions: those whose `when` matches the `about` text first,
 * then those without a trigger (or whose trigger is not strict), each
 * group in a seeded random order; never one whose trigger did not match
 * (it would presume what the person never said), one without a self-mode
 * wording in self mode, nor one whose text was asked before in this
 * session. A text read as written is looked up as it is weighed; one with
 * a {name} once it would be kept.
 */
static void draw(Session *s, const PickSpec *p)
{
	size_t nq = p->bank ? p->bank->nquestions : 0;
	int *first = xcalloc(nq, sizeof(int)), *rest = xcalloc(nq, sizeof(int));
	size_t nfirst = 0, nrest = 0;
	char *about = about_text(s, p);
	for (size_t i = 0; i < nq && !quiet_over(s); i++) {
		const Question *q = &p->bank->questions[i];
		if (!pick_selects(p, q) || (s->cfg.mode == MODE_SELF && !q->self.s) ||
		    (reads_as_written(s, q) && was_asked(s, q)))
			continue;
		if (q->when && pattern_match(q->when, about, strlen(about)) == PATTERN_MATCH)
			first[nfirst++] = (int)i;
		else if (!q->when || q->loose)
			rest[nrest++] = (int)i;
	}
	shuffle(s, first, nfirst);
	shuffle(s, rest, nrest);
	size_t count = p->count > 0 ? (size_t)p->count : 1;
	memcpy(first + nfirst, rest, nrest * sizeof(int));
	s->step.picks = first;
	s->step.npicks = keep_unasked(s, p->bank, first, nfirst + nrest, count);
	free(rest);
	free(about);
}

static void start_list(Session *s, const Node *n)
{
	s->step.answer = val_list();
	save(s, n, &s->step.answer, false);
}

static bool run_pick(Session *s, const Node *n)
{
	const Step *st = &s->step;
	if ((size_t)st->round >= st->npicks)
		return true;
	const Question *q = &n->u.pick.bank->questions[st->picks[st->round]];
	ask_for(s, n, render_text(s, question_text(s, q)), st->round);
	return false;
}

/* Takes a required text answer into the node's list. */
static InputResult take_listed(Session *s, const Node *n, const char *line, const char *typed)
{
	if (!*typed) {
		need_answer(s);
		return INPUT_INVALID;
	}
	record(s, n, NULL, line, val_text(typed));
	val_push(&s->step.answer, val_text(typed));
	s->step.round++;
	save_round(s, n, &s->step.answer, true);
	return INPUT_TAKEN;
}

static InputResult input_pick(Session *s, const Node *n, const char *line, const char *typed)
{
	return take_listed(s, n, line, typed);
}

/* ----- commitments ----------------------------------------------------------- */

static void add_commitment(Session *s, const char *measure)
{
	Step *st = &s->step;
	GROW(s->commits, s->ccommits, s->ncommits + 1);
	s->commits[s->ncommits] = commitment_make(s->started, lang(s), s->ncommits + 1, st->what,
	                                          st->when, measure, s->req.node);
	s->ncommits++;
	free(st->what);
	free(st->when);
	st->what = st->when = NULL;
}

static bool run_commitments(Session *s, const Node *n)
{
	const CommitSpec *c = &n->u.commit, *self = c->self;
	const Text *texts[] = { &c->what, &c->when, &c->measure };
	const Text *selfs[] = { self ? &self->what : NULL, self ? &self->when : NULL,
		                self ? &self->measure : NULL };
	Step *st = &s->step;
	if (st->ended)
		return true;
	ask_for(s, n, render_text(s, worded(s, texts[st->field], selfs[st->field])), st->round);
	s->req.ends_on_empty = st->field == FIELD_WHAT;
	return false;
}

/* what, when, measure; an empty `what` ends the loop, the others are
 * required. A commitment exists once all three are given. */
static InputResult input_commitments(Session *s, const Node *n, const char *line,
                                     const char *typed)
{
	static const char *const fields[] = { "what", "when", "measure" };
	Step *st = &s->step;
	if (!*typed && st->field == FIELD_WHAT) {
		record(s, n, fields[st->field], line, val_unset());
		st->ended = true;
		return INPUT_TAKEN;
	}
	if (!*typed) {
		need_answer(s);
		return INPUT_INVALID;
	}
	record(s, n, fields[st->field], line, val_text(typed));
	switch (st->field) {
	case FIELD_WHAT:
		st->what = xstrdup(typed);
		st->field = FIELD_WHEN;
		break;
	case FIELD_WHEN:
		st->when = xstrdup(typed);
		st->field = FIELD_MEASURE;
		break;
	default:
		val_push(&st->answer, val_text(st->what));
		add_commitment(s, typed);
		save_round(s, n, &st->answer, true);
		st->round++;
		st->field = FIELD_WHAT;
		break;
	}
	return INPUT_TAKEN;
}

/* ----- review ---------------------------------------------------------------- */

static size_t nopen(const Session *s)
{
	return s->cfg.history ? s->cfg.history->nopen : 0;
}

static void start_review(Session *s, const Node *n)
{
	const ReviewSpec *r = &n->u.review;
	start_list(s, n);
	if (nopen(s) == 0 && r->none.s)
		queue(s, SHOW_INFO, render_text(s, worded(s, &r->none, r->self ? &r->self->none : NULL)));
}

static void status_menu(Session *s)
{
	size_t n = REVIEW_NSTATUS;
	char **labels = xcalloc(n, sizeof(char *));
	const char **keys = xcalloc(n, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		labels[i] = xstrdup(review_status_label(review_status_keys[i], lang(s)));
		keys[i] = review_status_keys[i];
	}
	set_menu(s, labels, keys, n);
}

/* What a commitment's review reminds of before its status is asked: the
 * deadline (overdue when past the session's day) and how completion will
 * be known. */
static void queue_deadline(Session *s, const Commitment *c)
{
	char today[16];
	clock_date(s->started, today);
	Buf b = { 0 };
	if (c->due && strcmp(c->due, today) < 0)
		buf_printf(&b, msg(lang(s), MSG_REVIEW_OVERDUE), c->due);
	else if (c->due)
		buf_printf(&b, msg(lang(s), MSG_REVIEW_DUE), c->due);
	else if (c->when && *c->when)
		buf_printf(&b, msg(lang(s), MSG_REVIEW_WHEN), c->when);
	if (c->measure && *c->measure) {
		if (b.len)
			buf_adds(&b, "\n");
		buf_printf(&b, msg(lang(s), MSG_REVIEW_MEASURE), c->measure);
	}
	if (b.len)
		queue(s, SHOW_INFO, buf_take(&b));
	buf_free(&b);
}

static bool run_review(Session *s, const Node *n)
{
	const ReviewSpec *r = &n->u.review;
	Step *st = &s->step;
	if ((size_t)st->round >= nopen(s))
		return true;
	const Commitment *c = s->cfg.history->open[st->round];
	val_free(&st->item);
	st->item = val_text(c->what ? c->what : "");
	if (st->field == FIELD_STATUS) {
		queue_deadline(s, c);
		const Text *self = r->self ? &r->self->status : NULL;
		ask_for(s, n, render_text(s, worded(s, &r->status, self)), st->round);
		status_menu(s);
	} else {
		size_t k = (size_t)st->field - 1;
		const Text *self = r->self && r->self->nquestions ? &r->self->questions[k] : NULL;
		ask_for(s, n, render_text(s, worded(s, &r->questions[k], self)), st->round);
	}
	return false;
}

static void finish_review(Session *s, const Node *n)
{
	Step *st = &s->step;
	const Commitment *c = s->cfg.history->open[st->round];
	GROW(s->reviews, s->creviews, s->nreviews + 1);
	s->reviews[s->nreviews++] = (Review){
		.commitment = xstrdup(c->id ? c->id : ""),
		.what = xstrdup(c->what ? c->what : ""),
		.status = st->status,
		.answers = st->learned,
	};
	val_push(&st->answer, val_text(st->status));
	st->status = NULL;
	st->learned = val_unset();
	save_round(s, n, &st->answer, true);
	st->round++;
	st->field = FIELD_STATUS;
}

static InputResult input_review(Session *s, const Node *n, const char *line, const char *typed)
{
	Step *st = &s->step;
	if (st->field == FIELD_STATUS) {
		long k = match_choice(s, typed);
		if (k < 0)
			return INPUT_INVALID;
		record(s, n, "status", line, val_text(review_status_keys[k]));
		st->status = xstrdup(review_status_keys[k]);
		st->learned = val_list();
	} else {
		if (!*typed) {
			need_answer(s);
			return INPUT_INVALID;
		}
		record(s, n, "question", line, val_text(typed));
		val_push(&st->learned, val_text(typed));
	}
	if ((size_t)++st->field > n->u.review.nquestions)
		finish_review(s, n);
	return INPUT_TAKEN;
}

/* ----- call and end ---------------------------------------------------------- */

static void step_reset(Session *s)
{
	Step *st = &s->step;
	val_free(&st->answer);
	val_free(&st->items);
	val_free(&st->item);
	val_free(&st->learned);
	free(st->picks);
	free(st->what);
	free(st->when);
	free(st->status);
	*st = (Step){ .target = NO_NODE };
}

/* The defaults of vars, and the recalled values, under prefix. */
static void init_vars(Session *s, const Dialogue *d, const char *prefix)
{
	const Vars *recalled = s->cfg.history ? s->cfg.history->recalled : NULL;
	for (size_t i = 0; i < d->nvars; i++) {
		char *name = xasprintf("%s%s", prefix, d->vars[i].name);
		vars_set(s->vars, name, val_text(d->vars[i].value ? d->vars[i].value : ""));
		free(name);
	}
	for (size_t i = 0; recalled && i < d->nrecall; i++) {
		char *name = xasprintf("%s%s", prefix, d->recall[i]);
		const Value *v = vars_get(recalled, name);
		if (!v)
			v = vars_get(recalled, d->recall[i]);
		if (v)
			vars_set(s->vars, name, val_copy(v));
		free(name);
	}
}

static void push_frame(Session *s, const Dialogue *d, char *prefix)
{
	GROW(s->frames, s->cframes, s->nframes + 1);
	s->frames[s->nframes++] = (Frame){ d, prefix, d->start };
	init_vars(s, d, prefix);
	step_reset(s);
}

static bool run_call(Session *s, const Node *n)
{
	const Dialogue *callee = n->u.call.dialogue;
	if (!callee)
		BUG("call node '%s' runs unlinked: the library links every call", n->id);
	trace_route(s, n, (Route){ .to = NO_NODE, .kind = ROUTE_CALL });
	push_frame(s, callee, xasprintf("%s%s.", top(s)->prefix, n->u.call.target));
	return false;
}

/* Practice, at the end: the points each step missed at its last attempt,
 * each step's followed by its reference text, under a heading. */
static void list_missed(Session *s)
{
	bool any = false;
	for (size_t i = 0; i < s->nturns; i++) {
		const Turn *t = &s->turns[i];
		if (!t->nmissed_points || turn_superseded(s->turns, s->nturns, i))
			continue;
		if (!any)
			queue(s, SHOW_SECTION, xstrdup(msg(lang(s), MSG_PRACTICE_MISSED)));
		any = true;
		for (size_t k = 0; k < t->nmissed_points; k++)
			queue(s, SHOW_MISSED, xstrdup(t->missed_points[k]));
		queue(s, SHOW_REFERENCE, xstrdup(t->prompt));
	}
}

static void complete(Session *s)
{
	if (s->cfg.mode == MODE_PRACTICE && s->asked > 0) {
		queue(s, SHOW_SCORE, xasprintf(msg(lang(s), MSG_PRACTICE_SCORE), s->covered, s->asked));
		list_missed(s);
	}
	s->status = STATUS_COMPLETE;
	request(s, REQ_DONE, NULL, NULL, 0);
}

static void leave(Session *s, const Node *n);

/* The dialogue of the top frame is finished: back to the caller, or done. */
static void finish_dialogue(Session *s)
{
	if (s->nframes == 1) {
		complete(s);
		return;
	}
	Frame *f = top(s);
	free(f->prefix);
	s->nframes--;
	step_reset(s);
	leave(s, current_node(s));
}

static bool run_end(Session *s, const Node *n)
{
	queue(s, SHOW_END, node_text(s, n));
	finish_dialogue(s);
	return false;
}

/* ----- the walk -------------------------------------------------------------- */

/* Where the node leads: the first rule that holds, else the default; *r
 * says which (its kind and index, as routes.h numbers them). */
static int route(Session *s, const Node *n, const Value *answer, Route *r)
{
	for (uint32_t i = 0; i < n->nrules; i++) {
		const Rule *rule = &n->rules[i];
		bool holds = !rule->cond;
		if (rule->cond) {
			Value v = eval(s, rule->cond, answer);
			holds = val_truthy(&v);
			val_free(&v);
		}
		if (holds) {
			*r = (Route){ .kind = ROUTE_RULE, .index = i };
			return rule->target;
		}
	}
	*r = (Route){ .kind = ROUTE_NEXT };
	return n->next;
}

/* Leaves a finished node for the next one. */
static void leave(Session *s, const Node *n)
{
	Route r = { .kind = ROUTE_CHOICE, .index = s->step.choice };
	int to = s->step.target;
	if (to == NO_NODE)
		to = route(s, n, n->kind == NODE_ASK ? &s->step.answer : &s->last, &r);
	r.to = to;
	trace_route(s, n, r);
	top(s)->node = to;
	step_reset(s);
}

/* Shows what entering n shows and prepares its Step. False when the node
 * does not run in this mode: it is passed over, without its next rules. */
static bool enter(Session *s, const Node *n)
{
	if (n->only && !(n->only & (unsigned)s->cfg.mode)) {
		trace_route(s, n, (Route){ .to = n->next, .kind = ROUTE_PASS });
		top(s)->node = n->next;
		return false;
	}
	s->step.entered = true;
	map_add(&s->visited, qualify(s, n->id), NULL);
	if (s->cfg.trace && s->cfg.trace->entered)
		s->cfg.trace->entered(s->cfg.trace->ctx, top(s)->d, (int)(n - top(s)->d->nodes));
	if (n->section.s) {
		free(s->section);
		s->section = render_text(s, n->section.s);
		queue(s, SHOW_SECTION, xstrdup(s->section));
	}
	if (n->coach.s && s->cfg.mode != MODE_SELF)
		queue(s, SHOW_COACH, render_text(s, n->coach.s));
	switch (n->kind) {
	case NODE_ASK:
		start_ask(s, n);
		break;
	case NODE_PICK:
		start_list(s, n);
		draw(s, &n->u.pick);
		if (s->step.npicks)
			trace_route(s, n, (Route){ .to = NO_NODE, .kind = ROUTE_PICK });
		break;
	case NODE_COMMITMENTS:
		start_list(s, n);
		break;
	case NODE_REVIEW:
		start_review(s, n);
		break;
	default:
		break;
	}
	return true;
}

/* Runs n: true when it is done and should be left. */
static bool run_node(Session *s, const Node *n)
{
	switch (n->kind) {
	case NODE_SAY: return run_say(s, n);
	case NODE_ASK: return run_ask(s, n);
	case NODE_SET: return run_set(s, n);
	case NODE_PICK: return run_pick(s, n);
	case NODE_COMMITMENTS: return run_commitments(s, n);
	case NODE_REVIEW: return run_review(s, n);
	case NODE_CALL: return run_call(s, n);
	case NODE_END: return run_end(s, n);
	}
	return true;
}

/*
 * Whether the work since the last line typed has met a bound; the first
 * one met is kept in s->quiet.hit. A signal is asked first: a person who
 * stops a busy session wants it paused, whatever else was near its end.
 * Asked between nodes and within them (each assignment of a `set`, each
 * question a `pick` weighs, expressions as they run).
 */
static bool quiet_over(Session *s)
{
	Quiet *q = &s->quiet;
	if (q->hit)
		return true;
	const SessionBounds *b = &s->bounds;
	if (s->cfg.stopping && s->cfg.stopping())
		q->hit = BOUND_STOPPED;
	else if (q->bytes > b->bytes)
		q->hit = BOUND_BYTES;
	else if (clock_ms() - q->started_ms > b->ms)
		q->hit = BOUND_TIME;
	return q->hit != BOUND_NONE;
}

/* Stops the work at the bound met, at node n: a signal leaves the session
 * waiting to be saved as paused; any other bound fails it, naming n. */
static void stop_quiet(Session *s, const Node *n)
{
	if (s->quiet.hit == BOUND_STOPPED) {
		request(s, REQ_STOPPED, n, NULL, 0);
		return;
	}
	char *where = xasprintf("%s%s", top(s)->prefix, n ? n->id : "");
	const char *lg = lang(s);
	char *text;
	switch (s->quiet.hit) {
	case BOUND_VALUE:
		text = xasprintf(msg(lg, MSG_BOUND_VALUE), s->bounds.value_bytes, where);
		break;
	case BOUND_BYTES:
		text = xasprintf(msg(lg, MSG_BOUND_BYTES), s->bounds.bytes >> 20, where);
		break;
	case BOUND_TIME:
		text = xasprintf(msg(lg, MSG_BOUND_TIME), (int)(s->bounds.ms / 1000), where);
		break;
	default:
		text = xasprintf(msg(lg, MSG_LOOP), s->bounds.steps, where);
		break;
	}
	queue(s, SHOW_ERROR, text);
	s->status = STATUS_FAILED;
	request(s, REQ_FAILED, n, NULL, 0);
	free(where);
}

/* Moves on until a node waits for a person, the session ends, or a bound
 * of the work without input is met: before a node, the node about to run
 * is named; within one, or past the step bound, the node just run. A node
 * that comes to wait for a line is not counted as a step. */
static void advance(Session *s)
{
	if (s->status != STATUS_RUNNING || s->waiting || safety_first(s))
		return;
	s->quiet.steps = s->quiet.bytes = 0;
	s->quiet.started_ms = clock_ms();
	while (s->status == STATUS_RUNNING && !s->waiting) {
		const Node *n = current_node(s);
		if (quiet_over(s)) {
			stop_quiet(s, n);
			return;
		}
		size_t shown = s->nshows;
		if (!n)
			finish_dialogue(s);
		else if ((s->step.entered || enter(s, n)) && run_node(s, n))
			leave(s, n);
		if (s->status == STATUS_RUNNING && !s->waiting && !s->quiet.hit &&
		    ++s->quiet.steps > s->bounds.steps)
			s->quiet.hit = BOUND_STEPS;
		if (s->quiet.hit) {
			/* A node stopped within shows nothing of itself: its
			 * question, say, was never asked. */
			shows_drop(s, shown, s->nshows);
			stop_quiet(s, n);
			return;
		}
	}
}

/* ----- the public verbs ---------------------------------------------------------- */

static Session *session_create(const Dialogue *d, const SessionConfig *cfg, time_t started)
{
	Session *s = xcalloc(1, sizeof(*s));
	s->d = d;
	s->cfg = *cfg;
	s->client = cfg->client ? xstrdup(cfg->client) : NULL;
	s->cfg.client = s->client;
	s->client_v = s->client ? val_text(s->client) : val_unset();
	s->bounds = cfg->bounds ? *cfg->bounds : session_default_bounds;
	s->started = started;
	char date[16];
	clock_date(started, date);
	s->today = val_text(date);
	s->rng = cfg->seed;
	s->vars = vars_new();
	s->status = STATUS_RUNNING;
	push_frame(s, d, xstrdup(""));
	return s;
}

Session *session_new(const Dialogue *d, const SessionConfig *cfg)
{
	return session_create(d, cfg, cfg->now ? cfg->now() : time(NULL));
}

Session *session_new_at(const Dialogue *d, const SessionConfig *cfg, time_t started)
{
	return session_create(d, cfg, started);
}

/* Frees everything the session owns, leaving the struct itself. */
static void session_clear(Session *s)
{
	step_reset(s);
	clear_request(s);
	for (size_t i = 0; i < s->nframes; i++)
		free(s->frames[i].prefix);
	free(s->frames);
	for (size_t i = 0; i < s->nturns; i++)
		turn_free(&s->turns[i]);
	free(s->turns);
	for (size_t i = 0; i < s->ncommits; i++)
		commitment_free(&s->commits[i]);
	free(s->commits);
	for (size_t i = 0; i < s->nreviews; i++)
		review_free(&s->reviews[i]);
	free(s->reviews);
	shows_drop(s, 0, s->nshows);
	free(s->shows);
	for (size_t i = 0; i < s->nnotes; i++)
		free(s->notes[i]);
	free(s->notes);
	free(s->note_times);
	vars_free(s->vars);
	map_free(&s->visited);
	map_free(&s->prompts);
	map_free(&s->given);
	val_free(&s->last);
	val_free(&s->today);
	val_free(&s->client_v);
	free(s->section);
	free(s->client);
	buf_free(&s->key);
}

void session_free(Session *s)
{
	if (!s)
		return;
	session_clear(s);
	free(s);
}

void session_set_stopping(Session *s, bool (*stopping)(void))
{
	s->cfg.stopping = stopping;
}

const Request *session_request(Session *s)
{
	advance(s);
	return &s->req;
}

void session_flush(Session *s, void (*fn)(void *ctx, ShowKind kind, const char *text),
                   void *ctx)
{
	/* Detached first, so that fn may call back into the session. */
	Show *shows = s->shows;
	size_t n = s->nshows;
	s->shows = NULL;
	s->nshows = s->cshows = 0;
	for (size_t i = 0; i < n; i++) {
		fn(ctx, shows[i].kind, shows[i].text);
		free(shows[i].text);
	}
	free(shows);
}

/* line is kept as typed in Turn.input; answers are typed, the line
 * without surrounding white space. */
static InputResult input_node(Session *s, const Node *n, const char *line, const char *typed)
{
	switch (n->kind) {
	case NODE_SAY: return input_say(s, n, line, typed);
	case NODE_ASK: return input_ask(s, n, line, typed);
	case NODE_PICK: return input_pick(s, n, line, typed);
	case NODE_COMMITMENTS: return input_commitments(s, n, line, typed);
	case NODE_REVIEW: return input_review(s, n, line, typed);
	default:
		BUG("a line given to a '%s' node, which never waits for one",
		    node_kind_name(n->kind));
	}
}

InputResult session_input(Session *s, const char *line)
{
	advance(s);
	if (!s->waiting)
		return INPUT_INVALID;
	line = line ? line : "";
	char *typed = trimmed(line);
	InputResult r = s->safety.asking ? input_safety(s, line, typed)
	                                 : input_node(s, current_node(s), line, typed);
	free(typed);
	if (r == INPUT_TAKEN) {
		s->waiting = false;
		advance(s);
	}
	return r;
}

bool session_skip(Session *s)
{
	advance(s);
	if (!s->waiting || s->req.kind != REQ_ANSWER || !s->req.optional) {
		/* A "what else?" list is ended, not skipped: say how. */
		MsgId why = s->waiting && s->req.ends_on_empty ? MSG_SKIP_LIST : MSG_NOT_OPTIONAL;
		invalid(s, xstrdup(msg(lang(s), why)));
		return false;
	}
	ask_empty(s, current_node(s), NULL);
	s->waiting = false;
	advance(s);
	return true;
}

/* Adds a note (taken) to those pending for the question waiting. */
static void add_note(Session *s, char *note, time_t at)
{
	GROW(s->note_times, s->cnote_times, s->nnotes + 1);
	GROW(s->notes, s->cnotes, s->nnotes + 1);
	s->note_times[s->nnotes] = at;
	s->notes[s->nnotes++] = note;
}

void session_note(Session *s, const char *text)
{
	if (!text)
		return;
	char *note = utf8_sanitize(text, strlen(text));
	if (s->status != STATUS_RUNNING && s->nturns > 0) {
		/* Nothing more will be answered: the note goes with the last turn. */
		Turn *t = &s->turns[s->nturns - 1];
		t->notes = xrealloc(t->notes, (t->nnotes + 1) * sizeof(char *));
		t->notes[t->nnotes++] = note;
		return;
	}
	add_note(s, note, now(s));
}

/* Gives the notes of turns [from, n) and the pending ones of old to s, so
 * that a /back never loses what the coach wrote down. */
static void carry_notes(Session *s, Session *old, size_t from)
{
	for (size_t i = from; i < old->nturns; i++) {
		Turn *t = &old->turns[i];
		for (size_t j = 0; j < t->nnotes; j++)
			add_note(s, t->notes[j], j < t->waited ? t->noted_at : t->at);
		t->nnotes = 0;
	}
	for (size_t j = 0; j < old->nnotes; j++)
		add_note(s, old->notes[j], old->note_times[j]);
	old->nnotes = 0;
}

static size_t replay_turns(Session *s, const Turn *turns, size_t n, bool again_last);

bool session_back(Session *s)
{
	advance(s);
	size_t k = s->nturns;
	while (k > 0 && !holds_answer(&s->turns[k - 1]))
		k--;
	if (k == 0) {
		invalid(s, xstrdup(msg(lang(s), MSG_NOTHING_TO_UNDO)));
		return false;
	}
	Session *fresh = session_create(s->d, &s->cfg, s->started);
	/* An attempt after /again taken back: its step is asked again, as
	 * /again left it. Replaying runs the dialogue's work again, which a
	 * signal or a bound met under load can stop short: the session then
	 * stays as it was, every answer in place. */
	bool again = s->turns[k - 1].attempt > 1;
	if (replay_turns(fresh, s->turns, k - 1, again) < k - 1 || fresh->quiet.hit) {
		session_free(fresh);
		invalid(s, xstrdup(msg(lang(s), MSG_BACK_STOPPED)));
		return false;
	}
	carry_notes(fresh, s, k - 1);
	fresh->generation = s->generation + 1;
	session_clear(s);
	*s = *fresh;
	free(fresh);
	return true;
}

/* Feeds one recorded turn; false when it no longer fits. With `retry`,
 * it is a phrasing tried again (/again): the session stays at its step.
 * Only the shows of the request that follows are kept. */
static bool replay_one(Session *s, const Turn *t, bool retry)
{
	const Request *r = session_request(s);
	if (!s->waiting || !r->node || !str_eq(r->node, t->node) ||
	    (retry && r->kind != REQ_PHRASING))
		return false;
	size_t mark = s->nshows, notes = s->nnotes;
	s->replaying = true;
	s->replay_at = t->waited ? t->noted_at : t->at;
	for (size_t i = 0; i < t->nnotes; i++)
		session_note(s, t->notes[i]);
	s->replay_at = t->at;
	s->retrying = retry;
	bool ok = t->skipped && !t->input ? session_skip(s)
	                                  : session_input(s, t->input ? t->input : "") == INPUT_TAKEN;
	s->replaying = s->retrying = false;
	if (ok) {
		shows_drop(s, 0, mark);
		return true;
	}
	shows_drop(s, mark, s->nshows);
	while (s->nnotes > notes)
		free(s->notes[--s->nnotes]);
	return false;
}

void session_replay_notes(Session *s, char *const *notes, size_t n, time_t at)
{
	s->replaying = true;
	s->replay_at = at;
	for (size_t i = 0; i < n; i++)
		session_note(s, notes[i]);
	s->replaying = false;
}

/* Replays turns [0, n) into s; the last of them as tried again when
 * again_last, as /again leaves it. How many were replayed. */
static size_t replay_turns(Session *s, const Turn *turns, size_t n, bool again_last)
{
	size_t i = 0;
	while (i < n && replay_one(s, &turns[i], i + 1 < n ? turn_superseded(turns, n, i)
	                                                   : again_last))
		i++;
	/* Coming back to a session stopped by the safety net is the choice
	 * to go on. */
	s->safety.stopped = false;
	session_request(s);
	return i;
}

size_t session_replay(Session *s, const Turn *turns, size_t n)
{
	return replay_turns(s, turns, n, false);
}

bool session_again(Session *s)
{
	advance(s);
	if (s->cfg.mode != MODE_PRACTICE) {
		invalid(s, xstrdup(msg(lang(s), MSG_AGAIN_NOT_PRACTICE)));
		return false;
	}
	size_t n = s->nturns;
	if (n == 0 || s->turns[n - 1].asked == 0) {
		invalid(s, xstrdup(msg(lang(s), MSG_AGAIN_NOTHING)));
		return false;
	}
	/* As /back: a fresh session, every turn replayed, the last one as an
	 * attempt to try again; should that run be stopped short, nothing
	 * changes. */
	Session *fresh = session_create(s->d, &s->cfg, s->started);
	if (replay_turns(fresh, s->turns, n, true) < n || fresh->quiet.hit) {
		session_free(fresh);
		invalid(s, xstrdup(msg(lang(s), MSG_AGAIN_STOPPED)));
		return false;
	}
	carry_notes(fresh, s, n);
	fresh->generation = s->generation; /* the same turns: nothing to write again */
	session_clear(s);
	*s = *fresh;
	free(fresh);
	return true;
}

/* ----- what the transcript records --------------------------------------------- */

const Dialogue *session_dialogue(const Session *s)
{
	return s->d;
}

Mode session_mode(const Session *s)
{
	return s->cfg.mode;
}

const char *session_client(const Session *s)
{
	return s->client;
}

unsigned long long session_seed(const Session *s)
{
	return s->cfg.seed;
}

time_t session_started(const Session *s)
{
	return s->started;
}

SessionStatus session_status(const Session *s)
{
	return s->status;
}

size_t session_nturns(const Session *s)
{
	return s->nturns;
}

const Turn *session_turn(const Session *s, size_t i)
{
	return i < s->nturns ? &s->turns[i] : NULL;
}

void session_answers(const Session *s, void (*fn)(void *ctx, const char *name, const Value *v),
                     void *ctx)
{
	for (size_t i = 0; i < map_count(&s->given); i++) {
		const char *name = map_key(&s->given, i);
		const Value *v = vars_get(s->vars, name);
		if (v && v->kind != VAL_UNSET)
			fn(ctx, name, v);
	}
}

size_t session_ncommitments(const Session *s)
{
	return s->ncommits;
}

const Commitment *session_commitment(const Session *s, size_t i)
{
	return i < s->ncommits ? &s->commits[i] : NULL;
}

size_t session_nreviews(const Session *s)
{
	return s->nreviews;
}

const Review *session_review(const Session *s, size_t i)
{
	return i < s->nreviews ? &s->reviews[i] : NULL;
}

void session_practice_score(const Session *s, int *covered, int *asked)
{
	*covered = s->covered;
	*asked = s->asked;
}

const char *const *session_pending_notes(const Session *s, size_t *n, const char **node,
                                        const time_t **at)
{
	*n = s->nnotes;
	if (at)
		*at = s->note_times;
	if (node)
		*node = s->req.node ? s->req.node : "";
	return (const char *const *)s->notes;
}

unsigned session_generation(const Session *s)
{
	return s->generation;
}
