/* commitment: one commitment, one review, and the rule for a commitment's id and due date. */
#include "commitment.h"

#include <stdlib.h>

#include "deadline.h"
#include "i18n.h"
#include "util.h"

Commitment commitment_make(time_t started, const char *lang, size_t rank, const char *what,
                           const char *when, const char *measure, const char *node)
{
	char stamp[32], due[11];
	struct tm tm;
	gmtime_r(&started, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm);
	return (Commitment){
		.id = xasprintf("%s-%zu", stamp, rank),
		.what = xstrdup(what),
		.when = xstrdup(when),
		.due = deadline_read(when, lang, started, due) ? xstrdup(due) : NULL,
		.measure = xstrdup(measure),
		.status = xstrdup("open"),
		.node = node ? xstrdup(node) : NULL,
	};
}

const char *const review_status_keys[REVIEW_NSTATUS] = {
	"done", "partly", "not-done", "dropped",
};

const char *review_status_label(const char *status, const char *lang)
{
	static const MsgId labels[REVIEW_NSTATUS] = {
		MSG_STATUS_DONE, MSG_STATUS_PARTLY, MSG_STATUS_NOT_DONE, MSG_STATUS_DROPPED,
	};
	for (size_t i = 0; i < REVIEW_NSTATUS; i++)
		if (str_eq(status, review_status_keys[i]))
			return msg(lang, labels[i]);
	if (str_eq(status, "renegotiated"))
		return msg(lang, MSG_STATUS_RENEGOTIATED);
	if (str_eq(status, "open"))
		return msg(lang, MSG_REPORT_OPEN);
	return NULL;
}

bool commitment_is_open(const char *status)
{
	return !str_eq(status, "done") && !str_eq(status, "dropped");
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

Commitment commitment_copy(const Commitment *c, const char *when, const char *due,
                           const char *status)
{
	return (Commitment){
		.id = dup_or_null(c->id),
		.what = dup_or_null(c->what),
		.when = dup_or_null(when),
		.due = dup_or_null(due),
		.measure = dup_or_null(c->measure),
		.status = dup_or_null(status),
		.node = dup_or_null(c->node),
	};
}

void commitment_free(Commitment *c)
{
	free(c->id);
	free(c->what);
	free(c->when);
	free(c->due);
	free(c->measure);
	free(c->status);
	free(c->node);
	*c = (Commitment){ 0 };
}

void review_free(Review *r)
{
	free(r->commitment);
	free(r->what);
	free(r->status);
	val_free(&r->answers);
	*r = (Review){ 0 };
}
