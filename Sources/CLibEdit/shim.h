/*
 * CLibEdit shim: non-variadic wrappers around libedit for Swift.
 *
 * Swift cannot call C variadic functions, so el_set, el_get and history are
 * wrapped here, one small function per use. Everything is header-only.
 *
 * The SIGINT flag must be ONE variable for the whole process. A `static` (or a
 * function-local static inside a `static inline` function) in a header is one
 * variable per object file, and a debug build compiles each Swift file into its
 * own object: the handler would set one copy and the reader would poll another.
 * The flag therefore lives inside a *weak* external function: every object file
 * that uses it emits a copy, the linker keeps exactly one, and all callers (the
 * signal handler included) reach the same static.
 */
#ifndef SUPPORTPLAN_CLIBEDIT_SHIM_H
#define SUPPORTPLAN_CLIBEDIT_SHIM_H

#include <errno.h>
#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* ---- SIGINT flag ------------------------------------------------------- */

/* The address of the one process-wide interrupt flag (see the note above). */
__attribute__((weak)) volatile sig_atomic_t *clibedit_interrupt_flag(void) {
    static volatile sig_atomic_t flag = 0;
    return &flag;
}

/* The SIGINT handler: only sets the flag (async-signal-safe). */
static void clibedit_on_sigint(int signo) {
    (void)signo;
    *clibedit_interrupt_flag() = 1;
}

/* Installs the SIGINT handler without SA_RESTART, so a blocked read() returns
 * EINTR. Returns 0 on success, -1 on failure. */
static inline int clibedit_interrupt_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = clibedit_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(SIGINT, &action, NULL);
}

/* 1 when SIGINT arrived since the last clear, else 0. */
static inline int clibedit_interrupt_requested(void) {
    return *clibedit_interrupt_flag() != 0;
}

/* Clears the interrupt flag. */
static inline void clibedit_interrupt_clear(void) {
    *clibedit_interrupt_flag() = 0;
}

/* Sets the interrupt flag as the handler would (for tests and callers). */
static inline void clibedit_interrupt_set(void) {
    *clibedit_interrupt_flag() = 1;
}

/* ---- Locale and terminal ----------------------------------------------- */

/* Sets LC_CTYPE from the environment; falls back to C.UTF-8 when the codeset
 * is not UTF-8 (libedit drops non-ASCII input otherwise). Only LC_CTYPE is
 * touched. Returns 1 when the resulting codeset is UTF-8. */
static inline int clibedit_setup_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && strcmp(codeset, "UTF-8") == 0) {
        return 1;
    }
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
        return 0;
    }
    codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

/* The width of the terminal on fd in columns, or 0 when unknown. */
static inline int clibedit_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) {
        return 0;
    }
    return (int)size.ws_col;
}

/* The process's standard streams (C globals Swift 6 will not touch). */
static inline FILE *clibedit_stdin(void) { return stdin; }
static inline FILE *clibedit_stdout(void) { return stdout; }
static inline FILE *clibedit_stderr(void) { return stderr; }

/* Writes text to a stream and flushes it. */
static inline void clibedit_print(FILE *stream, const char *text) {
    fputs(text, stream);
    fflush(stream);
}

/* ---- Editor ------------------------------------------------------------ */

/* What EL_CLIENTDATA points to: the prompt (owned by the Swift side, UTF-8,
 * NUL-terminated) and an opaque context for callbacks. */
typedef struct clibedit_client {
    char *prompt;
    void *context;
} clibedit_client;

/* The client record stored in el, or NULL. */
static inline clibedit_client *clibedit_get_client(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) {
        return NULL;
    }
    return (clibedit_client *)data;
}

/* Stores the client record in el. */
static inline int clibedit_set_client(EditLine *el, clibedit_client *client) {
    return el_set(el, EL_CLIENTDATA, (void *)client);
}

/* The prompt callback: the prompt string of the client record. */
static char *clibedit_prompt(EditLine *el) {
    clibedit_client *client = clibedit_get_client(el);
    if (client == NULL || client->prompt == NULL) {
        return (char *)"";
    }
    return client->prompt;
}

/* Creates an editor reading in and drawing on out, with emacs bindings, the
 * prompt callback, signal handling on (EL_SIGNAL) and the given history
 * attached. ^R is bound to incremental history search. NULL on failure. */
static inline EditLine *clibedit_open(const char *program, History *hist, FILE *in, FILE *out) {
    EditLine *el = el_init(program, in, out, stderr);
    if (el == NULL) {
        return NULL;
    }
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_PROMPT, clibedit_prompt);
    if (hist != NULL) {
        el_set(el, EL_HIST, history, hist);
    }
    el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    return el;
}

/* Reads ~/.editrc (or $EDITRC) if there is one, so users keep their settings. */
static inline void clibedit_source_user_settings(EditLine *el) {
    el_source(el, NULL);
}

/* Closes the editor and restores the terminal. */
static inline void clibedit_close(EditLine *el) {
    el_end(el);
}

/* Reads one line. Returns NULL on end of file or error; *count receives the
 * count from el_gets and *error the errno right after it (EINTR = Ctrl-C). */
static inline const char *clibedit_gets(EditLine *el, int *count, int *error) {
    errno = 0;
    const char *line = el_gets(el, count);
    *error = errno;
    return line;
}

/* Adds a named editor function (for key binding). */
static inline int clibedit_add_function(EditLine *el, const char *name, const char *help,
                                        unsigned char (*function)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, function);
}

/* Binds a key sequence (e.g. "^I") to a named editor function. */
static inline int clibedit_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

/* ---- History ----------------------------------------------------------- */

/* Creates a history list keeping at most size entries, collapsing consecutive
 * duplicates. Returns NULL on failure. */
static inline History *clibedit_history_open(int size) {
    History *hist = history_init();
    if (hist == NULL) {
        return NULL;
    }
    HistEvent event;
    history(hist, &event, H_SETSIZE, size);
    history(hist, &event, H_SETUNIQUE, 1);
    return hist;
}

/* Frees a history list. */
static inline void clibedit_history_close(History *hist) {
    history_end(hist);
}

/* Appends an entry. Returns 0 on success, -1 on failure. */
static inline int clibedit_history_enter(History *hist, const char *line) {
    HistEvent event;
    return history(hist, &event, H_ENTER, line) < 0 ? -1 : 0;
}

/* Loads entries from a history file. Returns the count, or -1 on failure. */
static inline int clibedit_history_load(History *hist, const char *path) {
    HistEvent event;
    return history(hist, &event, H_LOAD, path);
}

/* Writes all entries to a history file (mode 0600). Returns the count, or -1. */
static inline int clibedit_history_save(History *hist, const char *path) {
    HistEvent event;
    return history(hist, &event, H_SAVE, path);
}

#endif /* SUPPORTPLAN_CLIBEDIT_SHIM_H */
