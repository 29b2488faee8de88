/*
 * jlock: one session at a time in a client's journal.
 *
 * Two coaches (or two terminals) running a session for the same client at
 * once would both review the same open commitments, and the journal would
 * hold two answers to one question. So a session holds its client's
 * folder, from before it reads the history until it ends or pauses, with
 * flock on the folder's `.lock` file: the system lets go of it when the
 * process ends, even killed, so a crash never leaves a client locked out.
 * The file says who holds it (the process, user, machine and when it
 * began), so that the one refused is told whom to ask.
 */
#ifndef TANDEM_JLOCK_H
#define TANDEM_JLOCK_H

/* The lock's file name in a client's folder. */
#define JLOCK_FILE ".lock"

typedef struct JournalLock JournalLock;

/*
 * Takes folder's lock. NULL with *why (heap, a sentence for the coach)
 * when another session holds it (errno EWOULDBLOCK; *why names who), or
 * when it cannot be taken (errno says why, and so does *why, naming the
 * file).
 */
JournalLock *jlock_take(const char *folder, char **why);

/* Lets go of it. NULL is allowed. */
void jlock_release(JournalLock *l);

#endif
