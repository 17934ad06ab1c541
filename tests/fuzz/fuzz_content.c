/*
 * fuzz_content.c - libFuzzer target for the YAML content loader.
 *
 * content_parse_file() reads a path, so each input is written to a private file
 * under /dev/shm (or $TMPDIR) and parsed.  Besides "no crash, no leak, no UB"
 * (the build adds ASan and UBSan), it checks the loader's own contract:
 * a file is either refused with at least one "file:line:col:" message, or accepted
 * with no message and every required field present; and a parsed file is freed
 * whole.  Build and run with `make fuzz` (mk/fuzz.mk).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[256];

static void make_path(void)
{
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/lp-fuzz-content-%ld.yaml", dir ? dir : "/tmp", (long)getpid());
}

static void check_card(const struct content_card *c, int debugging)
{
    if (!c->id || !c->q || (!c->a && !debugging))
        abort();
    if (c->check.type == CHECK_CHOICE &&
        (c->check.answer < 0 || (size_t)c->check.answer >= c->check.n_options))
        abort();
    /* The judge must cope with anything a user might type. */
    content_check_answer(&c->check, c->q);
    content_check_answer(&c->check, "1");
}

static void check_file(const struct content_file *f)
{
    if (f->kind == CONTENT_DECK) {
        const struct content_deck *d = &f->u.deck;
        if (!d->id || !d->title || !d->section)
            abort();
        for (size_t i = 0; i < d->n_cards; i++)
            check_card(&d->cards[i], d->drill != NULL);
    } else if (f->kind == CONTENT_READING) {
        for (size_t i = 0; i < f->u.reading.n_papers; i++) {
            const struct content_paper *p = &f->u.reading.papers[i];
            if (!p->id || !p->title)
                abort();
            for (size_t j = 0; j < p->n_questions; j++)
                check_card(&p->questions[j], 0);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        make_path();
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return 0;
    if (size && fwrite(data, 1, size, fp) != size) {
        fclose(fp);
        return 0;
    }
    fclose(fp);
    struct content_diag diag;
    content_diag_init(&diag);
    struct content_file *f = content_parse_file(path, &diag);
    if (f && diag.n)
        abort(); /* accepted, yet something was reported */
    if (!f && diag.n == 0)
        abort(); /* refused without a word */
    for (size_t i = 0; i < diag.n; i++)
        if (strncmp(diag.msgs[i], path, strlen(path)) != 0)
            abort(); /* every message names the file */
    if (f)
        check_file(f);
    content_file_free(f);
    content_diag_free(&diag);
    return 0;
}
