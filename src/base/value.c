/* value: session values (text, number, bool, list) and the Vars name table. */
#include "value.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "util.h"

Value val_unset(void)
{
	return (Value){ .kind = VAL_UNSET };
}

Value val_text(const char *s)
{
	return val_text_take(xstrdup(s));
}

Value val_text_take(char *s)
{
	return (Value){ .kind = VAL_TEXT, .u.text = s };
}

Value val_number(double n)
{
	return (Value){ .kind = VAL_NUMBER, .u.num = n };
}

Value val_bool(bool b)
{
	return (Value){ .kind = VAL_BOOL, .u.b = b };
}

Value val_list(void)
{
	return (Value){ .kind = VAL_LIST };
}

void val_push(Value *list, Value item)
{
	GROW(list->u.list.items, list->u.list.cap, list->u.list.n + 1);
	list->u.list.items[list->u.list.n++] = item;
}

Value val_copy(const Value *v)
{
	switch (v->kind) {
	case VAL_TEXT:
		return val_text(v->u.text);
	case VAL_LIST: {
		Value out = val_list();
		for (size_t i = 0; i < v->u.list.n; i++)
			val_push(&out, val_copy(&v->u.list.items[i]));
		return out;
	}
	default:
		return *v;
	}
}

void val_free(Value *v)
{
	if (v->kind == VAL_TEXT) {
		free(v->u.text);
	} else if (v->kind == VAL_LIST) {
		for (size_t i = 0; i < v->u.list.n; i++)
			val_free(&v->u.list.items[i]);
		free(v->u.list.items);
	}
	*v = val_unset();
}

/* Unset reads as "" and as the empty list, so it equals both. */
static bool is_blank(const Value *v)
{
	return v->kind == VAL_UNSET || (v->kind == VAL_TEXT && v->u.text[0] == '\0') ||
	       (v->kind == VAL_LIST && v->u.list.n == 0);
}

bool val_equal(const Value *a, const Value *b)
{
	if (a->kind != b->kind)
		return (a->kind == VAL_UNSET || b->kind == VAL_UNSET) && is_blank(a) && is_blank(b);
	switch (a->kind) {
	case VAL_UNSET:
		return true;
	case VAL_TEXT:
		return strcmp(a->u.text, b->u.text) == 0;
	case VAL_NUMBER:
		return a->u.num == b->u.num;
	case VAL_BOOL:
		return a->u.b == b->u.b;
	case VAL_LIST:
		if (a->u.list.n != b->u.list.n)
			return false;
		for (size_t i = 0; i < a->u.list.n; i++)
			if (!val_equal(&a->u.list.items[i], &b->u.list.items[i]))
				return false;
		return true;
	}
	return false;
}

/*
 * printf follows LC_NUMERIC, which a front end may have set to a locale
 * writing "0,5"; dialogues and transcripts always use '.'.
 */
static void fix_decimal_point(char *s)
{
	const char *dp = localeconv()->decimal_point;
	size_t dl = dp ? strlen(dp) : 0;
	if (dl == 0 || str_eq(dp, "."))
		return;
	char *at = strstr(s, dp);
	if (!at)
		return;
	*at = '.';
	memmove(at + 1, at + dl, strlen(at + dl) + 1);
}

static void format_number(Buf *b, double n)
{
	char tmp[64];
	/* Whole numbers print without decimals; the bound keeps the cast defined. */
	if (n > -1e15 && n < 1e15 && (double)(long long)n == n)
		snprintf(tmp, sizeof(tmp), "%lld", (long long)n);
	else
		snprintf(tmp, sizeof(tmp), "%.15g", n);
	fix_decimal_point(tmp);
	buf_adds(b, tmp);
}

static void append_text(Buf *b, const Value *v)
{
	switch (v->kind) {
	case VAL_UNSET:
		break;
	case VAL_TEXT:
		buf_adds(b, v->u.text);
		break;
	case VAL_NUMBER:
		format_number(b, v->u.num);
		break;
	case VAL_BOOL:
		buf_adds(b, v->u.b ? "true" : "false");
		break;
	case VAL_LIST:
		for (size_t i = 0; i < v->u.list.n; i++) {
			if (i)
				buf_adds(b, ", ");
			append_text(b, &v->u.list.items[i]);
		}
		break;
	}
}

char *val_to_text(const Value *v)
{
	Buf b = { 0 };
	append_text(&b, v);
	return buf_take(&b);
}

size_t val_bytes(const Value *v)
{
	size_t n = sizeof(*v);
	if (v->kind == VAL_TEXT)
		n += strlen(v->u.text);
	else if (v->kind == VAL_LIST)
		for (size_t i = 0; i < v->u.list.n; i++)
			n += val_bytes(&v->u.list.items[i]);
	return n;
}

bool val_truthy(const Value *v)
{
	switch (v->kind) {
	case VAL_UNSET:
		return false;
	case VAL_TEXT:
		return v->u.text[0] != '\0';
	case VAL_NUMBER:
		return v->u.num != 0;
	case VAL_BOOL:
		return v->u.b;
	case VAL_LIST:
		return v->u.list.n > 0;
	}
	return false;
}

/* Vars: a Map of the names beside their values, in first-set order. */
struct Vars {
	Map names;
	Value *values;
	size_t cap;
};

Vars *vars_new(void)
{
	return xcalloc(1, sizeof(Vars));
}

void vars_free(Vars *vs)
{
	if (!vs)
		return;
	for (size_t i = 0; i < map_count(&vs->names); i++)
		val_free(&vs->values[i]);
	map_free(&vs->names);
	free(vs->values);
	free(vs);
}

const Value *vars_get(const Vars *vs, const char *name)
{
	long i = map_find(&vs->names, name);
	return i == MAP_NONE ? NULL : &vs->values[i];
}

void vars_set(Vars *vs, const char *name, Value v)
{
	bool added;
	size_t i = map_add(&vs->names, name, &added);
	if (!added) {
		val_free(&vs->values[i]);
		vs->values[i] = v;
		return;
	}
	GROW(vs->values, vs->cap, i + 1);
	vs->values[i] = v;
}

void vars_each(const Vars *vs, void (*fn)(void *ctx, const char *name, const Value *v), void *ctx)
{
	for (size_t i = 0; i < map_count(&vs->names); i++)
		fn(ctx, map_key(&vs->names, i), &vs->values[i]);
}
