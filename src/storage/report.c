/*
 * report: the Markdown of a session read back from its transcript.
 *
 * Every text of the transcript goes through one function, text(), which
 * cleans it for a terminal, masks it when sharing and escapes Markdown:
 * there is no other way for a transcript's words to reach the output, so
 * no answer can escape redaction or break the layout by going round it.
 * (The alias the coach gives with --client-name is the one text that is
 * escaped but not masked: it is meant to be seen.)
 *
 * Likewise every part that comes from a node asks the Gate (audience.h)
 * whether the reader may read it (readable() for a turn) before anything
 * of it is written, its section's heading included.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"
#include "util.h"

typedef struct Report {
	FILE *out;
	const Tread *t;
	const ReportOpts *o;
	const char *lang;      /* the dialogue's, for the labels */
	Gate gate;             /* what the reader may read */
} Report;

/* One of the report's own words, in the dialogue's language. */
static const char *label(const Report *r, MsgId id)
{
	return msg(r->lang, id);
}

/* Markdown's own characters, escaped wherever they are. Brackets are
 * left alone (a mark such as [phone] stays readable); links are prevented
 * by escaping the "(" of "](" and the ":" of a "]:" definition. */
static bool special(const char *p, const char *start)
{
	if (*p == '(' || *p == ':')
		return p > start && p[-1] == ']';
	return *p && strchr("\\`*_<>#|~", *p) != NULL;
}

/* Where a text goes: a line of its own, a table cell (a line break becomes
 * a space), or after a heading's "## " (where "1." starts no list). */
typedef enum Place { IN_BODY, IN_CELL, IN_HEADING } Place;

/* Writes shown escaped for Markdown, as its place needs. */
static void escaped(const Report *r, const char *shown, Place place)
{
	bool cell = place == IN_CELL;
	bool line_start = place != IN_HEADING;
	for (const char *p = shown; *p; p++) {
		if (*p == '\n') {
			fputs(cell ? " " : "  \n", r->out);
			line_start = true;
			continue;
		}
		if (line_start) { /* what would start a list or a heading */
			size_t k = strspn(p, "0123456789");
			if (k && (p[k] == '.' || p[k] == ')')) {
				fprintf(r->out, "%.*s\\%c", (int)k, p, p[k]);
				p += k;
				line_start = false;
				continue;
			}
			if (*p == '-' || *p == '+' || *p == '=')
				fputc('\\', r->out);
		}
		if (special(p, shown))
			fputc('\\', r->out);
		fputc(*p, r->out);
		line_start = line_start && *p == ' ';
	}
}

/* Writes s as Markdown text: cleaned, masked when sharing, escaped. */
static void text(const Report *r, const char *s, Place place)
{
	char *clean = utf8_sanitize(s ? s : "", s ? strlen(s) : 0);
	if (r->o->redact) {
		char *masked = redact_text(r->o->redact, clean);
		escaped(r, masked, place);
		free(masked);
	} else {
		escaped(r, clean, place);
	}
	free(clean);
}

/* The alias the coach chose: cleaned and escaped, but not masked. */
static void alias(const Report *r, const char *s)
{
	char *clean = utf8_sanitize(s, strlen(s));
	escaped(r, clean, IN_BODY);
	free(clean);
}

static void value(const Report *r, const Value *v)
{
	if (v->kind == VAL_LIST) {
		for (size_t i = 0; i < v->u.list.n; i++) {
			fputs("- ", r->out);
			value(r, &v->u.list.items[i]);
		}
		return;
	}
	char *s = val_to_text(v);
	text(r, s, IN_BODY);
	fputc('\n', r->out);
	free(s);
}

/* A choice's label for the key a turn recorded, or NULL. */
static const char *choice_label(const Report *r, const Turn *u)
{
	if (!r->o->dialogue || u->kind != NODE_ASK || u->answer.kind != VAL_TEXT)
		return NULL;
	const Node *n = dialogue_node(r->o->dialogue, u->node);
	if (!n || n->kind != NODE_ASK)
		return NULL;
	for (size_t i = 0; i < n->u.ask.nchoices; i++)
		if (str_eq(n->u.ask.choices[i].key, u->answer.u.text))
			return n->u.ask.choices[i].label.s;
	return NULL;
}

static void review_status(const Report *r, const char *status)
{
	const char *label = review_status_label(status, r->t->dialogue.lang);
	if (label)
		fputs(label, r->out);
	else
		text(r, status, IN_BODY);
}

/* Whether the reader may read turn i. */
static bool readable(const Report *r, size_t i)
{
	return gate_turn(&r->gate, i) == ACCESS_READ;
}

/* Whether the report is the coach's own, notes and all. */
static bool for_coach(const Report *r)
{
	return r->o->reader == READER_COACH;
}

/* ---- the header ---- */

static long duration_min(const Tread *t)
{
	return (tread_running_seconds(t) + 30) / 60;
}

static void header(const Report *r)
{
	const Tread *t = r->t;
	fputs("# ", r->out);
	text(r, t->dialogue.title, IN_HEADING);
	fputs("\n\n", r->out);
	if (t->client) {
		fprintf(r->out, "- **%s:** ", label(r, MSG_REPORT_CLIENT));
		if (r->o->redact)
			alias(r, r->o->client_alias);
		else
			text(r, t->client, IN_BODY);
		fputc('\n', r->out);
	}
	char day[32];
	struct tm tm;
	localtime_r(&t->started, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d %H:%M", &tm);
	fprintf(r->out, "- **%s:** %s\n", label(r, MSG_REPORT_DATE), day);
	fprintf(r->out, "- **%s:** ", label(r, MSG_REPORT_DURATION));
	fprintf(r->out, label(r, MSG_REPORT_MINUTES), duration_min(t));
	static const MsgId status[] = {
		MSG_REPORT_INTERRUPTED, MSG_REPORT_PAUSED, MSG_REPORT_COMPLETE,
	};
	fprintf(r->out, "\n- **%s:** %s\n", label(r, MSG_REPORT_MODE), mode_name(t->mode));
	fprintf(r->out, "- **%s:** %s\n", label(r, MSG_REPORT_STATUS), label(r, status[t->status]));
	fprintf(r->out, "- **%s:** ", label(r, MSG_REPORT_DIALOGUE));
	text(r, t->dialogue.id, IN_BODY);
	fputs("\n", r->out);
	static const MsgId reader[] = {
		[READER_CLIENT] = MSG_REPORT_FOR_CLIENT, [READER_SPONSOR] = MSG_REPORT_FOR_SPONSOR,
		[READER_PEERS] = MSG_REPORT_FOR_PEERS,
	};
	if (!for_coach(r))
		fprintf(r->out, "- **%s:** %s\n", label(r, MSG_REPORT_FOR), label(r, reader[r->o->reader]));
}

/* Whether some part of the session is left out because who may read it
 * cannot be told. */
static bool any_unknown(const Report *r, const Commitment *c, size_t nc)
{
	for (size_t i = 0; i < r->t->nturns; i++)
		if (gate_turn(&r->gate, i) == ACCESS_UNKNOWN)
			return true;
	for (size_t i = 0; i < nc; i++)
		if (gate_commitment(&r->gate, &c[i]) == ACCESS_UNKNOWN)
			return true;
	return r->t->nreviews && gate_reviews(&r->gate) == ACCESS_UNKNOWN;
}

/* Says so when parts are left out that way: the reader must not take the
 * report for the whole of what they may read. */
static void unknown_note(const Report *r, const Commitment *c, size_t nc)
{
	if (!for_coach(r) && any_unknown(r, c, nc))
		fprintf(r->out, "\n*%s*\n", label(r, MSG_REPORT_UNKNOWN));
}

/* ---- the turns ---- */

static void notes(const Report *r, char *const *v, size_t n)
{
	if (!for_coach(r))
		return; /* coach notes are the coach's alone */
	for (size_t i = 0; i < n; i++) {
		fprintf(r->out, "\n> *%s:* ", label(r, MSG_REPORT_NOTE));
		text(r, v[i], IN_BODY);
		fputc('\n', r->out);
	}
}

/* Whether a turn shows as a question and its answer. */
static bool shown(const Turn *u)
{
	if (u->kind == NODE_COMMITMENTS || u->kind == NODE_REVIEW)
		return false;
	return u->answer.kind != VAL_UNSET || u->skipped;
}

/* A practice turn's points: covered, then missed, as a task list. */
static void points(const Report *r, const Turn *u)
{
	if (!u->ncovered_points && !u->nmissed_points)
		return; /* a transcript that kept the counts alone */
	fputc('\n', r->out);
	for (size_t i = 0; i < u->ncovered_points; i++) {
		fputs("- [x] ", r->out);
		text(r, u->covered_points[i], IN_BODY);
		fputc('\n', r->out);
	}
	for (size_t i = 0; i < u->nmissed_points; i++) {
		fputs("- [ ] ", r->out);
		text(r, u->missed_points[i], IN_BODY);
		fputc('\n', r->out);
	}
}

/* The marks of a practice turn: the count, which attempt it was when the
 * step was tried again, and the points. */
static void marks(const Report *r, size_t i)
{
	const Turn *u = &r->t->turns[i];
	fputs("\n*", r->out);
	fprintf(r->out, label(r, MSG_REPORT_POINTS), u->covered, u->asked);
	if (u->attempt > 1 || turn_superseded(r->t->turns, r->t->nturns, i)) {
		fputs(" (", r->out);
		fprintf(r->out, label(r, MSG_REPORT_ATTEMPT), u->attempt > 1 ? u->attempt : 1);
		fputc(')', r->out);
	}
	fputs("*\n", r->out);
	points(r, u);
}

/* Where the safety net stopped the flow: its topic and the choice made; a
 * report for anyone but the coach keeps the choice alone (audience.h
 * keeps it from the sponsor). */
static bool safety_turn(const Report *r, const Turn *u)
{
	const Value *a = &u->answer;
	if (!u->field || !str_eq(u->field, "safety") || a->kind != VAL_LIST || a->u.list.n != 2 ||
	    a->u.list.items[0].kind != VAL_TEXT || a->u.list.items[1].kind != VAL_TEXT)
		return false;
	const char *chosen = a->u.list.items[1].u.text;
	chosen = str_eq(chosen, "stop") ? msg(r->lang, MSG_SAFETY_STOP)
	                                : msg(r->lang, MSG_SAFETY_GO_ON);
	char *said = !for_coach(r) ? xasprintf(label(r, MSG_REPORT_SAFETY_SHARED), chosen)
	                           : xasprintf(label(r, MSG_REPORT_SAFETY), a->u.list.items[0].u.text,
	                                       chosen);
	fputs("\n*", r->out);
	text(r, said, IN_BODY); /* the topic comes from the file: cleaned as any text */
	fputs("*\n", r->out);
	free(said);
	return true;
}

static void turn(const Report *r, size_t i)
{
	const Turn *u = &r->t->turns[i];
	if (safety_turn(r, u))
		return;
	fputs("\n**", r->out);
	text(r, u->prompt, IN_BODY);
	fputs("**\n\n", r->out);
	const char *chosen = choice_label(r, u);
	if (u->skipped) {
		fprintf(r->out, "*%s*\n", label(r, MSG_REPORT_SKIPPED));
	} else if (chosen) {
		text(r, chosen, IN_BODY);
		fputc('\n', r->out);
	} else {
		value(r, &u->answer);
	}
	if (u->asked > 0)
		marks(r, i);
}

/* Whether turn i is the first of a "what else?" list: a `repeat` question
 * (its node, when the dialogue is at hand), answered with text more than
 * once in a row. */
static bool starts_list(const Report *r, size_t i)
{
	const Tread *t = r->t;
	const Turn *u = &t->turns[i];
	if (i + 1 >= t->nturns || !r->o->dialogue || u->kind != NODE_ASK || u->skipped ||
	    u->answer.kind != VAL_TEXT || !str_eq(t->turns[i + 1].node, u->node))
		return false;
	const Node *n = dialogue_node(r->o->dialogue, u->node);
	return n && n->kind == NODE_ASK && n->u.ask.repeat != 0 && n->u.ask.nchoices == 0;
}

/* A list's turns from i on as one question and its answers as bullets, the
 * notes of each after the list; returns the index past the list. */
static size_t list(const Report *r, size_t i)
{
	const Tread *t = r->t;
	const Turn *u = &t->turns[i];
	fputs("\n**", r->out);
	text(r, u->prompt, IN_BODY);
	fputs("**\n\n", r->out);
	size_t j = i;
	for (; j < t->nturns && str_eq(t->turns[j].node, u->node) && !t->turns[j].skipped &&
	       t->turns[j].answer.kind == VAL_TEXT; j++) {
		if (!readable(r, j))
			continue; /* an item the safety net stopped at */
		fputs("- ", r->out);
		text(r, t->turns[j].answer.u.text, IN_BODY);
		fputc('\n', r->out);
	}
	for (size_t k = i; k < j; k++)
		notes(r, t->turns[k].notes, t->turns[k].nnotes);
	return j;
}

/* Whether turn u scores an item: a scale question asked over a list
 * (`each`: an indicator of closing). */
static bool is_score(const Report *r, size_t i)
{
	const Turn *u = &r->t->turns[i];
	if (!r->o->dialogue || u->kind != NODE_ASK || u->answer.kind != VAL_NUMBER ||
	    !readable(r, i))
		return false;
	const Node *n = dialogue_node(r->o->dialogue, u->node);
	return n && n->kind == NODE_ASK && n->u.ask.scale && n->u.ask.each;
}

/* Whether turn i starts a run of scores of one node, answered twice or
 * more in a row. */
static bool starts_scores(const Report *r, size_t i)
{
	const Tread *t = r->t;
	return i + 1 < t->nturns && is_score(r, i) &&
	       str_eq(t->turns[i + 1].node, t->turns[i].node) && is_score(r, i + 1);
}

static void score_row(const Report *r, const Turn *u)
{
	fputs("| ", r->out);
	text(r, u->prompt, IN_CELL);
	fputs(" | ", r->out);
	char *score = val_to_text(&u->answer);
	text(r, score, IN_CELL);
	free(score);
	fputs(" |\n", r->out);
}

/* Every score of the session, gathered in one table at the end when they
 * were asked apart (each indicator's evidence first, then its score), so
 * that they read side by side. */
static void all_scores(const Report *r)
{
	size_t n = 0, runs = 0;
	for (size_t i = 0; i < r->t->nturns; i++)
		if (is_score(r, i)) {
			n++;
			runs += i == 0 || !is_score(r, i - 1);
		}
	if (n < 2 || runs < 2)
		return; /* one run: already a table where it stands */
	fprintf(r->out, "\n## %s\n\n| %s | %s |\n|---|---|\n", label(r, MSG_REPORT_SCORES),
	        label(r, MSG_REPORT_QUESTION), label(r, MSG_REPORT_SCORE_COLUMN));
	for (size_t i = 0; i < r->t->nturns; i++)
		if (is_score(r, i))
			score_row(r, &r->t->turns[i]);
}

/* A run of scores from i on as a table, each question beside its score,
 * the notes after it; returns the index past the run. */
static size_t scores(const Report *r, size_t i)
{
	const Tread *t = r->t;
	const char *node = t->turns[i].node;
	fprintf(r->out, "\n| %s | %s |\n|---|---|\n", label(r, MSG_REPORT_QUESTION),
	        label(r, MSG_REPORT_SCORE_COLUMN));
	size_t j = i;
	for (; j < t->nturns && str_eq(t->turns[j].node, node) &&
	       t->turns[j].answer.kind == VAL_NUMBER; j++)
		if (readable(r, j))
			score_row(r, &t->turns[j]);
	for (size_t k = i; k < j; k++)
		notes(r, t->turns[k].notes, t->turns[k].nnotes);
	return j;
}

static void turns(const Report *r)
{
	const char *section = NULL;
	for (size_t i = 0; i < r->t->nturns;) {
		const Turn *u = &r->t->turns[i];
		if (!readable(r, i)) {
			i++;
			continue;
		}
		if (u->section && (!section || !str_eq(section, u->section)) &&
		    (shown(u) || u->nnotes)) {
			section = u->section;
			fputs("\n## ", r->out);
			text(r, section, IN_HEADING);
			fputc('\n', r->out);
		}
		if (shown(u) && starts_list(r, i)) {
			i = list(r, i);
			continue;
		}
		if (shown(u) && starts_scores(r, i)) {
			i = scores(r, i);
			continue;
		}
		if (shown(u))
			turn(r, i);
		notes(r, u->notes, u->nnotes);
		i++;
	}
	/* Notes typed for the question the session stopped at. */
	notes(r, r->t->notes, r->t->nnotes);
}

/* ---- commitments, reviews, practice ---- */

/* Whether the reader may read commitment c. */
static bool readable_commitment(const Report *r, const Commitment *c)
{
	return gate_commitment(&r->gate, c) == ACCESS_READ;
}

static void commitments(const Report *r, const Commitment *c, size_t n)
{
	size_t shown = 0;
	for (size_t i = 0; i < n; i++)
		shown += readable_commitment(r, &c[i]);
	if (shown == 0)
		return;
	fprintf(r->out, "\n## %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
	        label(r, MSG_REPORT_COMMITMENTS), label(r, MSG_REPORT_WHAT),
	        label(r, MSG_REPORT_WHEN), label(r, MSG_REPORT_MEASURE), label(r, MSG_REPORT_STATUS));
	for (size_t i = 0; i < n; i++) {
		if (!readable_commitment(r, &c[i]))
			continue;
		fputs("| ", r->out);
		text(r, c[i].what, IN_CELL);
		fputs(" | ", r->out);
		text(r, c[i].when, IN_CELL);
		fputs(" | ", r->out);
		text(r, c[i].measure, IN_CELL);
		fputs(" | ", r->out);
		if (!c[i].status || str_eq(c[i].status, "open"))
			fputs(label(r, MSG_REPORT_OPEN), r->out);
		else
			review_status(r, c[i].status);
		fputs(" |\n", r->out);
	}
}

/* The learning questions as asked: the review turns' `question` fields,
 * taken in order as each review's answers are written. */
static const Turn *next_question(const Tread *t, size_t *from)
{
	for (; *from < t->nturns; (*from)++) {
		const Turn *u = &t->turns[*from];
		if (u->kind == NODE_REVIEW && u->field && str_eq(u->field, "question")) {
			(*from)++;
			return u;
		}
	}
	return NULL;
}

static void reviews(const Report *r)
{
	const Tread *t = r->t;
	if (t->nreviews == 0 ||
	    gate_reviews(&r->gate) != ACCESS_READ)
		return;
	fprintf(r->out, "\n## %s\n", label(r, MSG_REPORT_REVIEWS));
	size_t from = 0;
	for (size_t i = 0; i < t->nreviews; i++) {
		const Review *rv = &t->reviews[i];
		fputs("\n### ", r->out);
		text(r, rv->what ? rv->what : rv->commitment, IN_HEADING);
		fputs(": ", r->out);
		review_status(r, rv->status);
		fputc('\n', r->out);
		for (size_t k = 0; rv->answers.kind == VAL_LIST && k < rv->answers.u.list.n; k++) {
			const Turn *q = next_question(t, &from);
			if (q && q->prompt) {
				fputs("\n**", r->out);
				text(r, q->prompt, IN_BODY);
				fputs("**\n", r->out);
			}
			fputc('\n', r->out);
			value(r, &rv->answers.u.list.items[k]);
		}
	}
}

/* The points the last attempt of each step missed, as bullets. */
static void missed(const Report *r)
{
	const Tread *t = r->t;
	bool any = false;
	for (size_t i = 0; i < t->nturns; i++) {
		const Turn *u = &t->turns[i];
		if (u->asked == 0 || turn_superseded(t->turns, t->nturns, i))
			continue;
		for (size_t k = 0; k < u->nmissed_points; k++) {
			if (!any)
				fprintf(r->out, "\n%s\n\n", label(r, MSG_REPORT_MISSED));
			any = true;
			fputs("- ", r->out);
			text(r, u->missed_points[k], IN_BODY);
			fputc('\n', r->out);
		}
	}
}

/* Whether the reader may read every phrasing the practice score counts:
 * the score and the points missed are made of them all. */
static bool practice_readable(const Report *r)
{
	for (size_t i = 0; i < r->t->nturns; i++)
		if (r->t->turns[i].asked > 0 && !readable(r, i))
			return false;
	return true;
}

static void practice(const Report *r)
{
	const Tread *t = r->t;
	if (!t->has_practice || !practice_readable(r))
		return;
	fprintf(r->out, "\n## %s\n\n", label(r, MSG_REPORT_PRACTICE));
	fprintf(r->out, label(r, MSG_REPORT_SCORE), t->practice_covered, t->practice_asked);
	fputc('\n', r->out);
	for (size_t i = 0; i < t->nturns; i++)
		if (t->turns[i].attempt > 1) {
			fprintf(r->out, "%s\n", label(r, MSG_REPORT_LAST_COUNTS));
			break;
		}
	missed(r);
}

void report_markdown(FILE *out, const Tread *t, const Commitment *c, size_t nc,
                     const ReportOpts *o)
{
	Report r = { out, t, o, t->dialogue.lang, { 0 } };
	gate_init(&r.gate, o->reader, o->dialogue, t->turns, t->nturns);
	header(&r);
	unknown_note(&r, c, nc);
	turns(&r);
	all_scores(&r);
	commitments(&r, c, nc);
	reviews(&r);
	practice(&r);
	gate_free(&r.gate);
}
