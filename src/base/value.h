/*
 * value: the values a session holds (answers and variables) and the table
 * that names them.
 *
 * A Value owns what it points to: copying one is val_copy, dropping one is
 * val_free. Answers keep their type, as the transcript does: text, number
 * (scales, arithmetic), list (repeat, each) and the booleans expressions
 * produce.
 */
#ifndef TANDEM_VALUE_H
#define TANDEM_VALUE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ValKind { VAL_UNSET, VAL_TEXT, VAL_NUMBER, VAL_BOOL, VAL_LIST } ValKind;

typedef struct Value Value;
struct Value {
	ValKind kind;
	union {
		char *text;
		double num;
		bool b;
		struct {
			Value *items;
			size_t n, cap;
		} list;
	} u;
};

Value val_unset(void);
Value val_text(const char *s);        /* copies s */
Value val_text_take(char *s);         /* takes the heap string s */
Value val_number(double n);
Value val_bool(bool b);
Value val_list(void);
/* Appends item to a list, taking ownership of item. */
void val_push(Value *list, Value item);
Value val_copy(const Value *v);
void val_free(Value *v);
bool val_equal(const Value *a, const Value *b);

/*
 * The value as text, as interpolation shows it: a list joined with ", ",
 * a whole number without decimals, booleans as "true"/"false", unset as "".
 * The caller frees it.
 */
char *val_to_text(const Value *v);

/* The bytes v holds: a text's length, a list's items and their texts; what
 * a session's bounds count. */
size_t val_bytes(const Value *v);

/* Truth in a condition: false for unset, false, 0, "" and the empty list. */
bool val_truthy(const Value *v);

/* A name -> Value table owned by a session. */
typedef struct Vars Vars;

Vars *vars_new(void);
void vars_free(Vars *vs);
/* NULL when the name was never set. */
const Value *vars_get(const Vars *vs, const char *name);
/* Sets name to v, taking ownership of v and freeing any old value. */
void vars_set(Vars *vs, const char *name, Value v);
/* Calls fn for each name in the order it was first set. */
void vars_each(const Vars *vs, void (*fn)(void *ctx, const char *name, const Value *v), void *ctx);

#endif
